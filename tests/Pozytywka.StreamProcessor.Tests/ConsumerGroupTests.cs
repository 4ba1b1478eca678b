using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// Scaling out is a consumer group: real `serve` processes on a three-broker cluster, two stream instances and the
/// outcome sink apart (as docker-compose deploys them). One instance is killed with SIGKILL mid-stream and a third
/// joins; the group moves the partitions, each new owner rebuilds their state from the log, and nothing is lost or
/// scored twice with different results.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class ConsumerGroupTests(TrainedExport export)
{
    private const int Partitions = 8;

    [Fact]
    public async Task An_instance_killed_and_another_added_mid_stream_leave_every_play_of_the_log_one_hint_content_and_a_stored_record_with_its_hints_prediction_and_its_real_outcome()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var environment = LogOfRecord.ProcessEnvironment(kafka, topics, "group");
        environment["Kafka__SessionTimeout"] = "00:00:06";
        // The replay pauses while the third instance starts (below); partitions quiet for the usual 3 s would have their
        // sessions ended in that pause and the rest of those sessions dead-lettered. A minute covers a slow start.
        environment["Streaming__QuietPartitionTimeout"] = "00:01:00";
        Dictionary<string, string> As(string role) => new(environment) { ["Processor__Role"] = role };
        var store = TestDirectories.New("store");

        using var sink = ServeProcesses.Start(export, store, As("Sink"));
        using var first = ServeProcesses.Start(export, TestDirectories.New("first"), As("Stream"));
        using var second = ServeProcesses.Start(export, TestDirectories.New("second"), As("Stream"));
        await Task.WhenAll(sink.WaitUntilReadyAsync(TimeSpan.FromMinutes(3)), first.WaitUntilReadyAsync(TimeSpan.FromMinutes(3)),
            second.WaitUntilReadyAsync(TimeSpan.FromMinutes(3)));
        // The first half is replayed while the first instance is killed; the second only once the third instance owns
        // partitions, so that it joins mid-stream however slowly it starts on a loaded machine.
        var half = export.Lines.Count / 2;
        var replaying = LogOfRecord.ReplayAsync(kafka, topics, export.JsonLines(take: half));
        await RunningProcessor.WaitUntilAsync(async () => (await first.MetricAsync("pozytywka_events_total"), await second.MetricAsync("pozytywka_events_total")) is var (a, b)
            && a > 0 && b > 0 && a + b >= export.Lines.Count / 3, "both instances consume and a third of the events are handled");
        first.Kill();
        using var third = ServeProcesses.Start(export, TestDirectories.New("third"), As("Stream"));
        await third.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await replaying;
        await RunningProcessor.WaitUntilAsync(async () => await third.MetricAsync("pozytywka_assigned_partitions") > 0, "the instance that joined owns partitions",
            TimeSpan.FromSeconds(40));
        await LogOfRecord.ReplayAsync(kafka, topics, export.JsonLines(skip: half));

        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(LogOfRecord.PlaysLogged(kafka, topics) == (export.PlayCount, export.PlayCount)),
            $"every one of the {export.PlayCount} plays has its prediction and its outcome on the predictions topic", TimeSpan.FromMinutes(4));
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(GroupProgress.CommittedEverything(kafka.BootstrapServers, environment["Sink__GroupId"], topics.Predictions, Partitions)),
            "the sink has stored and committed everything");
        Assert.True(await third.MetricAsync("pozytywka_events_total") > 0, "the instance that joined took partitions over");
        Assert.Equal(0, sink.Stop(TimeSpan.FromSeconds(90)));
        Assert.Equal(0, second.Stop(TimeSpan.FromSeconds(90)));
        Assert.Equal(0, third.Stop(TimeSpan.FromSeconds(90)));

        LogOfRecord.AssertTheStoreMatchesTheLog(kafka, topics, export, await LogOfRecord.ReadStoreAsync(store));
    }
}
