using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// <c>Streaming:Threads</c> in a real process: two stream threads, each a consumer of its own in the group, share the
/// partitions between them, and what comes out is what one thread would give: every play of the log has one hint
/// content and a stored record with its prediction and its real outcome.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class StreamThreadsTests(TrainedExport export)
{
    private const int Partitions = 8;

    [Fact]
    public async Task Two_stream_threads_in_one_process_split_the_partitions_and_every_play_of_the_log_has_one_hint_content_and_its_real_outcome_stored()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var store = TestDirectories.New("store");
        var environment = LogOfRecord.ProcessEnvironment(kafka, topics, "threads");
        environment["Streaming__Threads"] = "2";

        using var processor = ServeProcesses.Start(export, store, environment);
        await processor.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await RunningProcessor.WaitUntilAsync(async () => await processor.MetricAsync("pozytywka_assigned_partitions") == Partitions,
            $"the process owns all {Partitions} partitions");
        var (first, second) = (await processor.MetricAsync("pozytywka_assigned_partitions{thread=\"0\"}"), await processor.MetricAsync("pozytywka_assigned_partitions{thread=\"1\"}"));
        Assert.True(first > 0 && second > 0, $"both threads own partitions ({first} and {second})");

        await LogOfRecord.ReplayAsync(kafka, topics, export.JsonLines());
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(LogOfRecord.PlaysLogged(kafka, topics) == (export.PlayCount, export.PlayCount)),
            $"every one of the {export.PlayCount} plays has its prediction and its outcome on the predictions topic", TimeSpan.FromMinutes(4));
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(GroupProgress.CommittedEverything(kafka.BootstrapServers, environment["Sink__GroupId"], topics.Predictions, Partitions)),
            "the sink has stored and committed everything");
        Assert.Equal(0, processor.Stop(TimeSpan.FromSeconds(90)));

        LogOfRecord.AssertTheStoreMatchesTheLog(kafka, topics, export, await LogOfRecord.ReadStoreAsync(store));
    }
}
