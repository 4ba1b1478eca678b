using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pozytywka.DevTools.Kafka;
using Pozytywka.Listening.State;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.State;
using Pozytywka.StreamProcessor.Streaming;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// The changelog writer and restorer over the Kafka protocol: nothing before the batch's effects are acknowledged,
/// nothing for a partition lost meanwhile, a former owner's late write never wins, a restore never sees part of a
/// write, and a record refused for good fails its batch.
/// </summary>
public class StateChangelogWriterTests
{
    [Fact]
    public async Task Changes_are_written_only_after_their_effects_and_not_for_a_partition_lost_meanwhile()
    {
        await using var kafka = await TestKafka.StartAsync();
        var (topic, options) = await ChangelogAsync(kafka, partitions: 2);
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        await using var writer = NewWriter(producer, options);
        using var lostLater = new CancellationTokenSource();
        var owner0 = Owner(topic, partition: 0, epoch: 1, lostLater.Token);
        var owner1 = Owner(topic, partition: 1, epoch: 1);

        var effects = new TaskCompletionSource();
        var written = writer.WriteAfter(effects.Task, [owner0.Stamp(Changed(user: 7)), owner1.Stamp(Changed(user: 8))], TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(written.IsCompleted);
        Assert.Empty(TopicReader.ReadAll(kafka.BootstrapServers, topic, 2));

        await lostLater.CancelAsync();
        effects.SetResult();
        await written;
        // Partition 0 claimed back later: its new changes are written again, at the new epoch.
        await writer.WriteAfter(Task.CompletedTask, [Owner(topic, partition: 0, epoch: 2).Stamp(Changed(user: 9))], TestContext.Current.CancellationToken);

        var records = TopicReader.ReadAll(kafka.BootstrapServers, topic, 2).Select(r => (r.Partition.Value, Encoding.UTF8.GetString(r.Message.Key!)));
        Assert.Equal([(0, "9@2"), (1, "8@1")], records.Order());
    }

    [Fact]
    public async Task A_former_owners_late_write_never_replaces_a_later_owners_state()
    {
        await using var kafka = await TestKafka.StartAsync();
        var (topic, options) = await ChangelogAsync(kafka, partitions: 1);
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        var restorer = new ChangelogRestorer(producer, options, NullLogger<ChangelogRestorer>.Instance);
        var ct = TestContext.Current.CancellationToken;

        // X owns the partition and writes listener 7 through offset 480; its write through 500 is held up (a paused process).
        var claimedByX = (await restorer.RestoreAsync([0], ct)).Single();
        await using var x = NewWriter(producer, options);
        var ownedByX = Owner(topic, claimedByX);
        await x.WriteAfter(Task.CompletedTask, [ownedByX.Stamp(Changed(7, appliedThrough: 480))], ct);
        var xStalled = new TaskCompletionSource();
        var lateWrite = x.WriteAfter(xStalled.Task, [ownedByX.Stamp(Changed(7, appliedThrough: 500))], ct);

        // Y takes over, restores 7 at 480 and carries them on to 520.
        var claimedByY = (await restorer.RestoreAsync([0], ct)).Single();
        Assert.Equal(480, claimedByY.Contents.Listeners.Single().Checkpoint.AppliedThrough);
        Assert.True(claimedByY.Epoch > claimedByX.Epoch);
        await using var y = NewWriter(producer, options);
        await y.WriteAfter(Task.CompletedTask, [Owner(topic, claimedByY).Stamp(Changed(7, appliedThrough: 520))], ct);

        // X resumes: its write lands last.
        xStalled.SetResult();
        await lateWrite;
        var last = TopicReader.ReadAll(kafka.BootstrapServers, topic, 1)[^1].Message;
        var lateKey = Encoding.UTF8.GetString(last.Key!);
        Assert.Equal("7@" + claimedByX.Epoch, lateKey);
        Assert.Equal(500, ChangelogContents.Read(new Dictionary<string, byte[]> { [lateKey] = last.Value! }).Listeners.Single().Checkpoint.AppliedThrough);

        // Z takes over: it restores Y's state, and retires X's late key with its claim.
        var claimedByZ = (await restorer.RestoreAsync([0], ct)).Single();
        Assert.Equal(520, claimedByZ.Contents.Listeners.Single().Checkpoint.AppliedThrough);
        Assert.Equal(claimedByY.Epoch + 1, claimedByZ.Epoch);
        var compacted = Compacted(TopicReader.ReadAll(kafka.BootstrapServers, topic, 1));
        Assert.Equal(["7@" + claimedByY.Epoch, StateChangelogMessages.OwnerKey], compacted.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_restore_that_reads_while_writes_are_in_flight_sees_each_listener_as_one_whole_write()
    {
        await using var kafka = await TestKafka.StartAsync();
        var (_, options) = await ChangelogAsync(kafka, partitions: 1);
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        var restorer = new ChangelogRestorer(producer, options, NullLogger<ChangelogRestorer>.Instance);
        var ct = TestContext.Current.CancellationToken;
        var claimed = (await restorer.RestoreAsync([0], ct)).Single();
        await using var writer = NewWriter(producer, options);
        var owned = Owner(options.Value.ChangelogTopic, claimed);

        // Large listeners, rewritten over and over: in version v every play of a listener's history holds v.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writing = Task.Run(async () =>
        {
            for (var version = 1; !stop.IsCancellationRequested; version++)
                await writer.WriteAfter(Task.CompletedTask, [owned.Stamp([.. Enumerable.Range(1, 20).Select(user => Versioned(user, version))])], ct);
        }, ct);
        var restores = 0;
        var seen = 0;
        while (restores < 8 || seen == 0)
        {
            // Each restore claims an epoch of its own, but writes no listener: the writer's records stay the latest there are.
            var contents = (await restorer.RestoreAsync([0], ct)).Single().Contents;
            foreach (var listener in contents.Listeners)
            {
                var version = listener.Checkpoint.ClosedPlays;
                Assert.Equal(Math.Min(version, 200), listener.Slots.Count);
                Assert.All(listener.Slots.Values, slot => Assert.All(slot.Values, value => Assert.Equal(version, value)));
            }
            seen += contents.Listeners.Count;
            restores++;
        }
        await stop.CancelAsync();
        await writing;
    }

    [Fact]
    public async Task A_record_the_broker_refuses_for_good_fails_its_batch()
    {
        await using var kafka = await TestKafka.StartAsync();
        var (topic, options) = await ChangelogAsync(kafka, partitions: 1);
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        await using var writer = NewWriter(producer, options);

        // A history larger than any message the producer may send (1 MB).
        var huge = Enumerable.Range(0, 30_000).Select(_ => new HistorySlot(new float[11], Skipped: false)).ToList();
        var tooLarge = new StateChange(7, 1, new ListenerCheckpoint(7, 1, DateTime.UnixEpoch, false, huge.Count, 0, 0, huge.Count, null, []), huge);
        var written = writer.WriteAfter(Task.CompletedTask, [Owner(topic, partition: 0, epoch: 1).Stamp([tooLarge, .. Changed(user: 8)])], TestContext.Current.CancellationToken);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => written);
        Assert.Contains("refused", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TopicReader.ReadAll(kafka.BootstrapServers, topic, 1), r => Encoding.UTF8.GetString(r.Message.Key!).StartsWith("7@", StringComparison.Ordinal));
    }

    private static async Task<(string Topic, IOptions<KafkaOptions> Options)> ChangelogAsync(TestKafka kafka, int partitions)
    {
        var topic = await kafka.CreateTopicAsync("state-changelog", partitions);
        var sessions = await kafka.CreateTopicAsync("sessions", partitions);
        return (topic, Options.Create(new KafkaOptions { BootstrapServers = kafka.BootstrapServers, StateChangelogTopic = topic, SessionsTopic = sessions }));
    }

    private static StateChangelogWriter NewWriter(ReliableProducer producer, IOptions<KafkaOptions> options) =>
        new(producer, options, new StreamMetrics(), NullLogger<StateChangelogWriter>.Instance);

    private static Dictionary<string, byte[]> Compacted(IEnumerable<Confluent.Kafka.ConsumeResult<byte[]?, byte[]?>> log)
    {
        var latest = new Dictionary<string, byte[]>();
        foreach (var record in log)
            StateChangelogMessages.Fold(latest, record.Message.Key, record.Message.Value);
        return latest;
    }

    private static ChangelogOwnership Owner(string topic, int partition, int epoch, CancellationToken abandoned = default) =>
        new(topic, partition, epoch, new Dictionary<long, int>(), null, abandoned);

    private static ChangelogOwnership Owner(string topic, RestoredPartition claimed) =>
        new(topic, claimed.Partition, claimed.Epoch, claimed.Contents.StoredAt, null, CancellationToken.None);

    private static List<StateChange> Changed(long user, long appliedThrough = 0) =>
        [new StateChange(user, appliedThrough, new ListenerCheckpoint(user, appliedThrough, DateTime.UnixEpoch, false, 0, 0, 0, 0, null, []), [])];

    private static StateChange Versioned(long user, int version)
    {
        var count = Math.Min(version, 200);
        var history = Enumerable.Range(0, count).Select(_ => new HistorySlot(Enumerable.Repeat((float)version, 11).ToArray(), Skipped: version % 2 == 0)).ToList();
        return new StateChange(user, version, new ListenerCheckpoint(user, version, DateTime.UnixEpoch, false, version, 0, count % 200, count, null, []), history);
    }
}
