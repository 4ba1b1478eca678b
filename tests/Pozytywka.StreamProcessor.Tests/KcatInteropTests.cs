using System.Text;
using System.Text.Json;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Training;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// kcat, an independent client, writes the events the processor consumes (through kafka/replay.sh, the operators'
/// replay script) and reads the hints it publishes.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class KcatInteropTests(TrainedExport export)
{
    private const int Partitions = 4;
    private const int Events = 600;

    [Fact]
    public async Task Kcat_writes_events_the_processor_consumes_and_reads_the_hints_it_publishes()
    {
        if (!Kcat.IsInstalled)
            Assert.Skip("kcat is not installed; ./pozytywka setup installs it (Debian package kcat)");
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New(), "kcat");

        var lines = export.Lines.Take(Events).ToList();
        var file = Path.Combine(export.Directory, $"kcat-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, lines.Select(Encoding.UTF8.GetString), TestContext.Current.CancellationToken);
        await Kcat.RunScriptAsync(Path.Combine(Repository.Root, "kafka", "replay.sh"), $"{kafka.BootstrapServers} {file} {topics.Sessions}");
        var plays = lines.Count(l => SessionEventParser.TryParse(l, out var e, out _) && e!.Type == SessionEventType.Play);
        // Handled means scored; the hints are out once the broker acknowledged them.
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.EventsHandled >= Events && processor.Metrics.HintsPublished() >= plays),
            $"the processor handled the {Events} events kcat wrote and its hints were acknowledged");

        var envelopes = (await Kcat.RunAsync($"-C -b {kafka.BootstrapServers} -t {topics.Hints} -o beginning -e -J -q"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(json => JsonDocument.Parse(json).RootElement)
            .ToList();
        Assert.Equal(plays, envelopes.Count);
        var keyed = TopicReader.ReadAll(kafka.BootstrapServers, topics.Sessions, Partitions);
        Assert.All(keyed.Where(m => m.Message.Key is { Length: > 0 }), m => Assert.Equal(SessionReplayer.ListenerKey(m.Message.Value!), m.Message.Key));
        var expected = OfflineCompletionProbabilities(lines);
        Assert.All(envelopes, envelope =>
        {
            var hint = JsonSerializer.Deserialize(envelope.GetProperty("payload").GetString()!, ContractsJsonContext.Default.CacheHint)!;
            Assert.Equal(hint.TrackId, envelope.GetProperty("key").GetString());
            // Served in double precision, a play scores the same in a micro-batch as in the offline batch of all plays.
            Assert.Equal(expected[(hint.ModelLabel, hint.PlayId)], hint.CompletionProbability, 12);
        });
    }

    /// <summary>What the Trainer's replay and each bundle say of every play in these lines: 1 − P(skip), by model label and play.</summary>
    private Dictionary<(string Model, string PlayId), double> OfflineCompletionProbabilities(IReadOnlyList<byte[]> lines)
    {
        var directory = TestDirectories.New();
        foreach (var file in Directory.EnumerateFiles(export.Directory).Where(f => !Path.GetFileName(f).StartsWith("sessions", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        File.WriteAllLines(Path.Combine(directory, "sessions.jsonl"), lines.Select(Encoding.UTF8.GetString));
        var plays = PlayDataset.Replay(new ExportDirectory(directory), export.Catalog, new FaultLog()).Select(p => p.Input).ToList();

        var expected = new Dictionary<(string, string), double>();
        foreach (var bundle in new[] { export.BundleDirectory, export.SimpleBundleDirectory })
        {
            using var scorer = ModelBundle.Load(bundle, export.Catalog);
            var label = $"{scorer.Manifest.Name}@{scorer.Manifest.Version}";
            foreach (var (play, skip) in plays.Zip(scorer.Score(plays)))
                expected[(label, play.Play.PlayId)] = 1 - skip;
        }
        return expected;
    }
}
