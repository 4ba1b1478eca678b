using System.Text;
using System.Text.Json;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.StreamProcessor.Kafka;

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
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.EventsHandled >= Events), $"the processor handled the {Events} events kcat wrote");

        var envelopes = (await Kcat.RunAsync($"-C -b {kafka.BootstrapServers} -t {topics.Hints} -o beginning -e -J -q"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(json => JsonDocument.Parse(json).RootElement)
            .ToList();
        var plays = lines.Count(l => SessionEventParser.TryParse(l, out var e, out _) && e!.Type == SessionEventType.Play);
        Assert.Equal(plays, envelopes.Count);
        var keyed = TopicReader.ReadAll(kafka.BootstrapServers, topics.Sessions, Partitions);
        Assert.All(keyed.Where(m => m.Message.Key is { Length: > 0 }), m => Assert.Equal(SessionReplayer.ListenerKey(m.Message.Value!), m.Message.Key));
        Assert.All(envelopes, envelope =>
        {
            var hint = JsonSerializer.Deserialize(envelope.GetProperty("payload").GetString()!, ContractsJsonContext.Default.CacheHint)!;
            Assert.Equal(hint.TrackId, envelope.GetProperty("key").GetString());
            Assert.InRange(hint.CompletionProbability, 0, 1);
        });
    }
}
