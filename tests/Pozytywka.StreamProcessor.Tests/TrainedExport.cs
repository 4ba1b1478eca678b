using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Trainer.Synthetic;
using Pozytywka.Trainer.Training;
using Pozytywka.Contracts.Json;
using Pozytywka.Trainer.Runs;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// A generated export with injected faults and an Advanced and a Simple bundle trained on it, shared by the tests that score
/// (one at a time: libtorch's state is process-wide). Also what the Trainer says offline, for parity checks.
/// </summary>
public sealed class TrainedExport
{
    public TrainedExport()
    {
        Directory = TestDirectories.New();
        ExportGenerator.Generate(new GeneratorOptions(Directory, Users: 20, Sessions: 300, Seed: 17, Faults: true));
        ModelsDirectory = Path.Combine(Directory, "models");
        var trained = TrainingRun.Run(Directory, FeatureSet.Advanced, ModelsDirectory,
            new TrainingOptions(Epochs: 8, Seed: 3, Device: "cpu", Balance: ClassBalance.ClassWeights), version: "v1");
        BundleDirectory = trained.Directory;
        SimpleBundleDirectory = TrainingRun.Run(Directory, FeatureSet.Simple, ModelsDirectory,
            new TrainingOptions(Epochs: 4, Seed: 3, Device: "cpu", Balance: ClassBalance.ClassWeights), version: "v1").Directory;
        OfflineTestAccuracy = trained.Metrics.Accuracy;

        var export = new ExportDirectory(Directory);
        Catalog = CatalogLoader.Load(export, new FaultLog());
        Lines = export.ReadLines(ExportFile.Sessions).Select(l => l.Bytes.ToArray()).ToList();
        PlayCount = Lines.Count(l => SessionEventParser.TryParse(l, out var e, out _) && e!.Type == SessionEventType.Play);
        UnparseableCount = Lines.Count(l => !SessionEventParser.TryParse(l, out _, out _));
        TestPlayIds = DatasetSplit.Temporal(PlayDataset.Replay(export, Catalog, new FaultLog())).Test.Select(p => p.Input.Play.PlayId).ToList();
    }

    public string Directory { get; }
    public string ModelsDirectory { get; }
    public string BundleDirectory { get; }
    public string SimpleBundleDirectory { get; }
    public double OfflineTestAccuracy { get; }
    public Catalog Catalog { get; }

    /// <summary>The sessions file's lines, raw, in file order.</summary>
    public IReadOnlyList<byte[]> Lines { get; }

    public int PlayCount { get; }
    public int UnparseableCount { get; }
    public IReadOnlyList<string> TestPlayIds { get; }

    public IEnumerable<JsonLine> JsonLines(int skip = 0, int take = int.MaxValue) =>
        Lines.Skip(skip).Take(take).Select((bytes, i) => new JsonLine(skip + i + 1, bytes));
}

[CollectionDefinition(Name)]
public sealed class TrainedExportGroup : ICollectionFixture<TrainedExport>
{
    public const string Name = "trained export";
}
