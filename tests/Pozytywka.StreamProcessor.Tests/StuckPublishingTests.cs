using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts.Json;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>A broker that keeps refusing produce requests: the processor says so (not ready, a gauge) and recovers with nothing lost.</summary>
[Collection(TrainedExportGroup.Name)]
public class StuckPublishingTests(TrainedExport export)
{
    private const int Partitions = 4;

    [Fact]
    public async Task While_the_broker_refuses_every_produce_request_the_processor_is_not_ready_and_afterwards_every_play_is_hinted()
    {
        await using var kafka = await TestKafka.StartAsync();
        if (kafka.Mock is not { } cluster)
        {
            Assert.Skip($"injecting produce errors needs the embedded mock cluster; this run uses {kafka.Kind}");
            return;
        }
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var store = TestDirectories.New("store");
        var settings = new Dictionary<string, string?>
        {
            ["Streaming:UnreadyAfterUnacknowledged"] = "00:00:01",
            ["Kafka:ProducerRetry:MessageTimeout"] = "00:00:01",
            ["Kafka:ProducerRetry:MaxRetryDelay"] = "00:00:00.200",
        };
        var half = export.Lines.Count / 2;
        await using (var first = await RunningProcessor.StartAsync(kafka, topics, export, store, "stuck", TimeSpan.FromMinutes(5), settings))
        {
            using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
                replayer.Replay(export.JsonLines(take: half));
            await RunningProcessor.WaitUntilAsync(() => Task.FromResult(first.EventsHandled >= half), "the first half is handled");
        }
        // The second half waits in Kafka; the next processor can read it but not publish anything for a while.
        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines(skip: half));
        cluster.FailProduceRequests(300, ErrorCode.NotEnoughReplicas);

        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, store, "stuck", TimeSpan.FromMinutes(5), settings);
        using var http = new HttpClient { BaseAddress = processor.BaseAddress };
        await RunningProcessor.WaitUntilAsync(async () => (await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.ServiceUnavailable,
            "the processor reports itself not ready while its batches are refused", TimeSpan.FromSeconds(60));
        // The gauge is set once a second while the consumer waits for the broker, and shows the stall too.
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.Metrics.UnacknowledgedSeconds.Value > 1),
            "pozytywka_publish_unacknowledged_seconds shows the stall", TimeSpan.FromSeconds(60));

        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.EventsHandled >= export.Lines.Count - half && processor.Metrics.UnacknowledgedSeconds.Value == 0),
            "the second half is handled once the broker takes produce requests again");
        await RunningProcessor.WaitUntilAsync(async () => (await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            "the processor is ready again", TimeSpan.FromSeconds(30));
        var hinted = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, Partitions)
            .Select(m => JsonSerializer.Deserialize(m.Message.Value, ContractsJsonContext.Default.CacheHint)!.PlayId).Distinct().Count();
        Assert.Equal(export.PlayCount, hinted);
    }
}
