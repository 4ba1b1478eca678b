using System.Text;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// A zombie writer, with real processes on a three-broker cluster: instance X is frozen (SIGSTOP) mid-stream past its
/// session timeout, Y takes its partitions over and carries the same listeners on, X is resumed and whatever it still
/// had on its way lands late, then Y is killed and Z takes over. Every play has hints of one content, every stored
/// record its real outcome: no listener's state went back to what X last wrote.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class ZombieWriterTests(TrainedExport export)
{
    private const int Partitions = 4;

    [Fact]
    public async Task A_paused_instance_resumed_after_its_partitions_moved_cannot_roll_any_listener_back()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var environment = LogOfRecord.ProcessEnvironment(kafka, topics, "zombie");
        environment["Kafka__SessionTimeout"] = "00:00:06";
        // The replay pauses while instances change hands; sessions must not end for quiet meanwhile.
        environment["Streaming__QuietPartitionTimeout"] = "00:01:00";
        Dictionary<string, string> As(string role) => new(environment) { ["Processor__Role"] = role };
        var store = TestDirectories.New("store");

        using var sink = ServeProcesses.Start(export, store, As("Sink"));
        using var x = ServeProcesses.Start(export, TestDirectories.New("x"), As("Stream"));
        await Task.WhenAll(sink.WaitUntilReadyAsync(TimeSpan.FromMinutes(3)), x.WaitUntilReadyAsync(TimeSpan.FromMinutes(3)));
        var third = export.Lines.Count / 3;
        await LogOfRecord.ReplayAsync(kafka, topics, export.JsonLines(take: third));
        await RunningProcessor.WaitUntilAsync(async () => await x.MetricAsync("pozytywka_events_total") >= third / 2, "X handles events");

        x.Pause();
        using var y = ServeProcesses.Start(export, TestDirectories.New("y"), As("Stream"));
        await y.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await RunningProcessor.WaitUntilAsync(async () => await y.MetricAsync("pozytywka_assigned_partitions") == Partitions && await y.MetricAsync("pozytywka_state_restoring_partitions") == 0,
            "Y owns every partition, restored", TimeSpan.FromSeconds(60));
        await LogOfRecord.ReplayAsync(kafka, topics, export.JsonLines(skip: third, take: third));
        await RunningProcessor.WaitUntilAsync(async () => await y.MetricAsync("pozytywka_events_total") > 0, "Y carries the listeners on");

        x.Resume();
        await RunningProcessor.WaitUntilAsync(async () => await x.MetricAsync("pozytywka_assigned_partitions") is var owned && owned < Partitions,
            "X has learnt it lost partitions", TimeSpan.FromSeconds(60));
        y.Kill();
        using var z = ServeProcesses.Start(export, TestDirectories.New("z"), As("Stream"));
        await z.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await LogOfRecord.ReplayAsync(kafka, topics, export.JsonLines(skip: 2 * third));

        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(LogOfRecord.PlaysLogged(kafka, topics) == (export.PlayCount, export.PlayCount)),
            $"every one of the {export.PlayCount} plays has its prediction and its outcome on the predictions topic", TimeSpan.FromMinutes(4));
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(GroupProgress.CommittedEverything(kafka.BootstrapServers, environment["Sink__GroupId"], topics.Predictions, Partitions)),
            "the sink has stored and committed everything", TimeSpan.FromMinutes(2));
        Assert.Equal(0, sink.Stop(TimeSpan.FromSeconds(90)));
        Assert.Equal(0, x.Stop(TimeSpan.FromSeconds(90)));
        Assert.Equal(0, z.Stop(TimeSpan.FromSeconds(90)));

        LogOfRecord.AssertTheStoreMatchesTheLog(kafka, topics, export, await LogOfRecord.ReadStoreAsync(store));
        TestContext.Current.TestOutputHelper?.WriteLine($"listener records written under an epoch older than a claim already in the log: {LateWrites(kafka, topics)}");
    }

    /// <summary>How many listener records landed after a claim of a higher epoch in their partition: a former owner's late writes.</summary>
    private static int LateWrites(TestKafka kafka, StreamTopics topics)
    {
        // Each restore claims one epoch above the highest, from 1, and the mock cluster compacts nothing: the n-th claim of a partition is epoch n.
        var claimed = new Dictionary<int, int>();
        var late = 0;
        foreach (var record in TopicReader.ReadAll(kafka.BootstrapServers, topics.StateChangelog, Partitions).OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            var key = Encoding.UTF8.GetString(record.Message.Key!);
            var partition = record.Partition.Value;
            if (key == StateChangelogMessages.OwnerKey)
                claimed[partition] = claimed.GetValueOrDefault(partition) + 1;
            else if (record.Message.Value is not null && StateChangelogMessages.TryParseListenerKey(key, out _, out var epoch) && epoch < claimed.GetValueOrDefault(partition))
                late++;
        }
        return late;
    }
}
