using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pozytywka.DevTools.Kafka;
using Pozytywka.Listening.State;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The changelog writer over the Kafka protocol: nothing before the batch's effects are acknowledged, nothing for a partition lost meanwhile.</summary>
public class StateChangelogWriterTests
{
    [Fact]
    public async Task Changes_are_written_only_after_their_effects_and_not_for_a_partition_lost_meanwhile()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topic = await kafka.CreateTopicAsync("state-changelog", partitions: 2);
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        await using var writer = new StateChangelogWriter(producer, Options.Create(new KafkaOptions { BootstrapServers = kafka.BootstrapServers, StateChangelogTopic = topic }),
            new StreamMetrics(), NullLogger<StateChangelogWriter>.Instance);

        var effects = new TaskCompletionSource();
        var written = writer.WriteAfter(effects.Task, [Changed(partition: 0, user: 7), Changed(partition: 1, user: 8)], TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(written.IsCompleted);
        Assert.Empty(TopicReader.ReadAll(kafka.BootstrapServers, topic, 2));

        writer.Forget([0]);
        effects.SetResult();
        await written;
        // Partition 0 assigned back later: its new changes are written again.
        await writer.WriteAfter(Task.CompletedTask, [Changed(partition: 0, user: 9)], TestContext.Current.CancellationToken);

        var records = TopicReader.ReadAll(kafka.BootstrapServers, topic, 2).Select(r => (r.Partition.Value, Encoding.UTF8.GetString(r.Message.Key!)));
        Assert.Equal([(0, "9"), (1, "8")], records.Order());
    }

    private static PartitionStateChanges Changed(int partition, long user) =>
        new(partition, [new StateChange(user, new ListenerCheckpoint(user, 0, DateTime.UnixEpoch, false, 0, 0, 0, 0, null, []), new Dictionary<int, HistorySlot>())]);
}
