using System.Net;
using Pozytywka.DevTools.Kafka;
using Pozytywka.DevTools.Benchmarks;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// The store is off the hot path: while it refuses every write the processor still hints every play, the outcome
/// sink's lag grows and its health check says so; when the store returns the sink catches up with exactly one
/// record per play. A slow store does not cost a graceful stop its write in hand.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class StoreOutageTests(TrainedExport export)
{
    private const int Partitions = 4;

    [Fact]
    public async Task While_the_store_is_down_every_play_is_still_hinted_and_once_it_is_back_it_holds_exactly_one_record_per_play()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("store"), "store-outage",
            extra: new Dictionary<string, string?> { ["Sink:UnhealthyAfter"] = "00:00:01", ["Sink:MaxRetryDelay"] = "00:00:00.500", ["Sink:MaxBatchSize"] = "100" },
            customize: StoreOutage.Install);
        var outage = (StoreOutage)processor.Store;
        outage.Down = true;

        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines());
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.Metrics.HintsPublished() >= export.PlayCount && processor.Metrics.Outcomes.Value >= export.PlayCount),
            "every play is hinted and closed while the store is down");
        Assert.Equal(export.Lines.Count, processor.EventsHandled);
        Assert.Equal(0, processor.Metrics.SinkStored.Value);

        using var http = new HttpClient { BaseAddress = processor.BaseAddress };
        await RunningProcessor.WaitUntilAsync(async () => (await http.GetAsync("/health/sink", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.ServiceUnavailable,
            "the sink reports the store down", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        // Every prediction and outcome waits in Kafka but the one batch the sink holds and keeps retrying; the
        // gauge is measured once a second.
        await RunningProcessor.WaitUntilAsync(async () => await SinkLagAsync(http) >= 2 * export.PlayCount - 100,
            $"the sink lag shows the {2 * export.PlayCount} records waiting", TimeSpan.FromSeconds(30));
        Assert.Equal(0, processor.Metrics.SinkStored.Value);

        outage.Down = false;
        List<Contracts.PredictionRecord> stored = [];
        await RunningProcessor.WaitUntilAsync(async () =>
        {
            stored = await processor.ReadStoreAsync();
            return stored.Count == export.PlayCount && stored.All(r => r.Outcome is not null);
        }, "the sink caught up");
        LogOfRecord.AssertTheStoreMatchesTheLog(kafka, topics, export, stored);
        await RunningProcessor.WaitUntilAsync(async () => (await http.GetAsync("/health/sink", TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            "the sink reports healthy again", TimeSpan.FromSeconds(30));
        await RunningProcessor.WaitUntilAsync(async () => await SinkLagAsync(http) == 0, "the sink lag is back to 0", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_graceful_stop_lets_the_sink_finish_the_write_in_hand_and_commit_exactly_what_it_stored()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("store"), "sink-stop",
            extra: new Dictionary<string, string?> { ["Sink:MaxBatchSize"] = "100" }, customize: StoreOutage.Install);
        var slow = (StoreOutage)processor.Store;
        slow.WriteDelay = TimeSpan.FromSeconds(2);

        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines());
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.Metrics.SinkStored.Value > 0 && slow.Writing), "the sink is in the middle of a write");
        var storedBeforeTheStop = processor.Metrics.SinkStored.Value;
        await processor.StopAsync();

        Assert.True(processor.Metrics.SinkStored.Value > storedBeforeTheStop, "the write in hand when the stop came was finished");
        Assert.Equal(processor.Metrics.SinkStored.Value, GroupProgress.Of(kafka.BootstrapServers, "sink-stop-sink", topics.Predictions, Partitions).Sum(p => p.Committed));
    }

    private static async Task<double> SinkLagAsync(HttpClient http) =>
        (await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Split('\n')
            .Where(l => l.StartsWith("pozytywka_sink_lag_records{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
