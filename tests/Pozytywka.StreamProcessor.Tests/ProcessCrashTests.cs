using System.Net.Http.Json;
using System.Text.Json;
using Pozytywka.DevTools.Kafka;
using Pozytywka.DevTools.Processes;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// Kafka as the log of record, tried the hard way: the processor is a real process, killed with SIGKILL in the
/// middle of a replay (no shutdown code runs, nothing is flushed or committed) and started again. Everything it
/// had not committed is processed a second time, and that must be harmless: the restart restores the state from the
/// changelog, which may run ahead of the committed offsets.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class ProcessCrashTests(TrainedExport export)
{
    private const int Partitions = 8;

    [Fact]
    public async Task After_a_kill_9_mid_stream_and_a_restart_every_play_of_the_log_has_identical_hints_and_a_stored_record_with_its_hints_prediction_and_its_real_outcome()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var store = TestDirectories.New("store");
        var environment = LogOfRecord.ProcessEnvironment(kafka, topics, "crash");

        var killedAfter = 0.0;
        using (var first = ServeProcesses.Start(export, store, environment))
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

        using var second = ServeProcesses.Start(export, store, environment);
        await second.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await RunningProcessor.WaitUntilAsync(async () => await StoredAsync(second) is (var plays, var outcomes) && plays == export.PlayCount && outcomes == export.PlayCount,
            $"the store reports {export.PlayCount} plays with their outcomes");
        Assert.True(await second.MetricAsync("pozytywka_state_restored_listeners_total") > 0, "the restart restored the listeners' state from the changelog");
        var passedOver = await second.MetricAsync("pozytywka_events_passed_over_total");
        Assert.Equal(0, second.Stop(TimeSpan.FromSeconds(90)));

        var hints = LogOfRecord.AssertTheStoreMatchesTheLog(kafka, topics, export, await LogOfRecord.ReadStoreAsync(store));
        // Events the killed process had handled but not committed come again: those its changelog already covers are
        // passed over, the rest applied again with identical effects (a PLAY's hint sent twice). Which of the two
        // depends on where the kill fell; that some came again does not.
        Assert.True(passedOver > 0 || hints > export.PlayCount,
            $"the restart consumed again events the killed process had handled ({passedOver} passed over, {hints} hints for {export.PlayCount} plays)");
    }

    /// <summary>What the store holds, as the API's store-window evaluation reports it: plays scored and outcomes known.</summary>
    private static async Task<(int Plays, int Outcomes)> StoredAsync(ServeProcess processor)
    {
        using var http = new HttpClient { BaseAddress = processor.BaseAddress };
        var report = await http.GetFromJsonAsync<JsonElement>("/api/online-metrics?since=2000-01-01T00:00:00Z", TestContext.Current.CancellationToken);
        var variants = report.GetProperty("variants").EnumerateArray().ToList();
        return (variants.Sum(v => v.GetProperty("plays_scored").GetInt32()), variants.Sum(v => v.GetProperty("outcomes_known").GetInt32()));
    }
}
