using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.Trainer.Synthetic;
using Pozytywka.Trainer.Training;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Train/serve parity: the processor's core, fed the export's raw lines, agrees with the Trainer.</summary>
public class PlayScoringPipelineTests
{
    private const int Partitions = 4;

    [Fact]
    public void Online_accuracy_equals_the_trainers_offline_accuracy_on_the_same_plays()
    {
        var export = Path.Combine(Path.GetTempPath(), "pozytywka-tests", Guid.NewGuid().ToString("N"));
        ExportGenerator.Generate(new GeneratorOptions(export, Users: 20, Sessions: 300, Seed: 17, Faults: true));
        var trained = TrainingRun.Run(export, FeatureSet.Advanced, Path.Combine(export, "models"),
            new TrainingOptions(Epochs: 8, Seed: 3, Device: "cpu", Balance: ClassBalance.ClassWeights), version: "v1");
        var directory = new ExportDirectory(export);
        var catalog = CatalogLoader.Load(directory, new FaultLog());
        using var scorer = ModelBundle.Load(trained.Directory, catalog);
        var pipeline = new PlayScoringPipeline(catalog, scorer, new CacheDecisionPolicy(new CacheHintOptions()), "A");

        var incoming = directory.ReadLines(ExportFile.Sessions).Select(ToIncoming).ToList();
        var effects = incoming.Chunk(500).Select(pipeline.Process).ToList();
        var outcomes = effects.SelectMany(e => e.Outcomes).Concat(pipeline.Flush()).ToDictionary(o => o.PlayId);
        var predictions = effects.SelectMany(e => e.Predictions).ToDictionary(p => p.PredictionId);
        var hints = effects.SelectMany(e => e.Hints).ToList();

        var plays = incoming.Count(e => SessionEventParser.TryParse(e.Value, out var parsed, out _) && parsed!.Type == SessionEventType.Play);
        Assert.Equal(plays, hints.Count);
        Assert.Equal(plays, predictions.Count);
        Assert.Equal(predictions.Keys.Order(), outcomes.Keys.Order());
        Assert.NotEmpty(effects.SelectMany(e => e.Rejected));

        var testPlays = DatasetSplit.Temporal(PlayDataset.Replay(directory, catalog, new FaultLog())).Test;
        var online = testPlays.Average(p => predictions[p.Input.Play.PlayId].PredictedSkip == outcomes[p.Input.Play.PlayId].Skipped ? 1.0 : 0.0);
        Assert.Equal(trained.Metrics.Accuracy, online, 12);
    }

    private static IncomingEvent ToIncoming(JsonLine line, int index)
    {
        var value = line.Bytes.ToArray();
        var partition = SessionEventParser.TryParse(value, out var parsed, out _) ? (int)(parsed!.UserId % Partitions) : 0;
        return new IncomingEvent(null, value, "sessions", partition, index);
    }
}
