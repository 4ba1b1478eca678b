using System.Net.Http.Json;
using System.Text.Json;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.Listening.Exports;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.Trainer.Training;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// Kafka as the log of record, tried the hard way: the processor is a real process, killed with SIGKILL in the
/// middle of a replay (no shutdown code runs, nothing is flushed or committed) and started again. Everything it
/// had not committed is processed a second time, and that must be harmless.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class ProcessCrashTests(TrainedExport export)
{
    private const int Partitions = 8;

    [Fact]
    public async Task After_a_kill_9_mid_stream_and_a_restart_every_play_has_identical_hints_and_exactly_one_stored_record_with_its_real_outcome()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var store = TestDirectories.New("store");
        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka__FetchWaitMax"] = "00:00:00.005",
            ["Kafka__GroupId"] = "crash",
            ["Kafka__SessionsTopic"] = topics.Sessions,
            ["Kafka__CacheHintsTopic"] = topics.Hints,
            ["Kafka__DeadLetterTopic"] = topics.DeadLetter,
            ["Kafka__PredictionsTopic"] = topics.Predictions,
            ["Sink__GroupId"] = "crash-sink",
            ["Streaming__SessionIdleTimeout"] = "00:00:03",
            // Small batches and commits every 2 s, so that acknowledged but uncommitted effects are certain at the kill.
            ["Streaming__MaxBatchSize"] = "20",
            ["Streaming__CommitInterval"] = "00:00:02",
        };

        var killedAfter = 0.0;
        using (var first = ProcessorProcess.Start(export, store, environment))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
            var replaying = Task.Run(() =>
            {
                using var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions);
                return replayer.Replay(export.JsonLines(), eventsPerSecond: 2_000);
            }, TestContext.Current.CancellationToken);
            await RunningProcessor.WaitUntilAsync(async () => (killedAfter = await first.MetricAsync("pozytywka_events_total")) >= export.Lines.Count / 3,
                "a third of the events are handled");
            first.Kill();
            await replaying;
        }
        Assert.True(killedAfter < export.Lines.Count, "the kill came mid-stream");

        using var second = ProcessorProcess.Start(export, store, environment);
        await second.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await RunningProcessor.WaitUntilAsync(async () => await StoredAsync(second) is (var plays, var outcomes) && plays == export.PlayCount && outcomes == export.PlayCount,
            $"the store reports {export.PlayCount} plays with their outcomes");
        Assert.Equal(0, await second.TerminateAsync());

        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, Partitions);
        var hintsByPlay = hints.GroupBy(h => JsonSerializer.Deserialize(h.Message.Value, ContractsJsonContext.Default.CacheHint)!.PlayId).ToList();
        Assert.Equal(export.PlayCount, hintsByPlay.Count);
        Assert.All(hintsByPlay, copies => Assert.Single(copies.Select(c => Convert.ToBase64String(c.Message.Value!)).Distinct()));
        Assert.True(hints.Count > export.PlayCount, $"the restart re-emitted hints the killed process had not committed ({hints.Count} for {export.PlayCount} plays)");

        var predictions = TopicReader.ReadAll(kafka.BootstrapServers, topics.Predictions, Partitions)
            .Where(m => System.Text.Encoding.UTF8.GetString(m.Message.Key!).EndsWith("/prediction", StringComparison.Ordinal))
            .GroupBy(m => System.Text.Encoding.UTF8.GetString(m.Message.Key!));
        Assert.All(predictions, copies => Assert.Single(copies.Select(c => Convert.ToBase64String(c.Message.Value!)).Distinct()));

        var expected = PlayDataset.Replay(new ExportDirectory(export.Directory), export.Catalog, new FaultLog())
            .ToDictionary(p => p.Input.Play.PlayId, p => p.Skipped);
        using var stored = new LiteDbPredictionStore(new StoreOptions { DataDirectory = store }.LiteDbPath);
        var records = await stored.ReadAsync(new PredictionQuery(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), records.Select(r => r.PredictionId).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(expected[r.PredictionId], r.Outcome!.Skipped));
    }

    /// <summary>What the store holds, as the API's store-window evaluation reports it: plays scored and outcomes known.</summary>
    private static async Task<(int Plays, int Outcomes)> StoredAsync(ProcessorProcess processor)
    {
        using var http = new HttpClient { BaseAddress = processor.BaseAddress };
        var report = await http.GetFromJsonAsync<JsonElement>("/api/online-metrics?since=2000-01-01T00:00:00Z", TestContext.Current.CancellationToken);
        var variants = report.GetProperty("variants").EnumerateArray().ToList();
        return (variants.Sum(v => v.GetProperty("plays_scored").GetInt32()), variants.Sum(v => v.GetProperty("outcomes_known").GetInt32()));
    }
}
