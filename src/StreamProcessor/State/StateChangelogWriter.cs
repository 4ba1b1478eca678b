using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// Writes each batch's state changes to the changelog once the broker has acknowledged the batch's effects, and
/// never before: a listener's checkpoint then only ever covers events whose hints and records are durable, so a
/// new owner that restores it may pass over those events. Batches are written strictly in order, one write in
/// flight at a time (a later value of a key can never land before an earlier one); batches that became ready
/// while one was in flight are written together with each key once, as Kafka Streams' record cache does.
/// Changes of a partition this instance has lost, queued before the loss, are not written: the new owner's are (and
/// were one still to land late, it is fenced: it carries an older epoch, <see cref="StateChangelogMessages"/>).
/// A record the broker refuses for good fails its batch, so no offset is committed without its state. Switches of
/// model version are recorded apart, before their batch publishes (<see cref="RecordAsync"/>).
/// </summary>
public sealed class StateChangelogWriter : IAsyncDisposable
{
    private readonly ReliableProducer _producer;
    private readonly string _topic;
    private readonly StreamMetrics _metrics;
    private readonly ILogger<StateChangelogWriter> _log;
    private readonly Handoff<Pending> _queue;
    private readonly ConcurrentDictionary<int, long> _lostBefore = new();
    private readonly Dictionary<int, Ownership> _owned = [];
    private long _queued;

    public StateChangelogWriter(ReliableProducer producer, IOptions<KafkaOptions> kafka, StreamMetrics metrics, ILogger<StateChangelogWriter> log)
    {
        (_producer, _topic, _metrics, _log) = (producer, kafka.Value.ChangelogTopic, metrics, log);
        _queue = new Handoff<Pending>(WriteInOrderAsync);
    }

    /// <summary>
    /// A partition restored and claimed at <paramref name="epoch"/>: its records are written at that epoch, and each
    /// listener's first one retires the key the listener was restored from (<paramref name="storedAt"/>, by epoch), as
    /// the first model choices written retire those restored (<paramref name="modelsStoredAt"/>).
    /// </summary>
    public void Own(int partition, int epoch, IReadOnlyDictionary<long, int> storedAt, int? modelsStoredAt = null) =>
        _owned[partition] = new Ownership(epoch, new Dictionary<long, int>(storedAt)) { ModelsStoredAt = modelsStoredAt };

    /// <summary>
    /// Records partitions' switches of model version at their owner's epoch, now, ahead of the batch that made them:
    /// the returned task completes when the broker has them, and the batch publishes nothing before (a record refused
    /// for good fails it). Partitions no longer owned are left out.
    /// </summary>
    public Task RecordAsync(IReadOnlyList<PartitionModelChoices> switches, CancellationToken cancellationToken)
    {
        var messages = new List<Outgoing>();
        foreach (var (partition, choices) in switches)
        {
            if (!_owned.TryGetValue(partition, out var owned))
                continue;
            messages.Add(new Outgoing(_topic, new Confluent.Kafka.Message<byte[]?, byte[]?>
                { Key = System.Text.Encoding.UTF8.GetBytes(StateChangelogMessages.ModelsKey(owned.Epoch)), Value = StateChangelogMessages.Models(choices) }, partition));
            if (owned.ModelsStoredAt is { } restored && restored != owned.Epoch)
            {
                messages.Add(new Outgoing(_topic, new Confluent.Kafka.Message<byte[]?, byte[]?>
                    { Key = System.Text.Encoding.UTF8.GetBytes(StateChangelogMessages.ModelsKey(restored)), Value = null }, partition));
            }
            owned.ModelsStoredAt = owned.Epoch;
        }
        return messages.Count == 0 ? Task.CompletedTask : ProduceAsync(messages, cancellationToken);
    }

    private async Task ProduceAsync(List<Outgoing> messages, CancellationToken cancellationToken)
    {
        var refused = await _producer.ProduceAllAsync(messages, cancellationToken);
        _metrics.ChangelogRecords.Inc(messages.Count - refused.Count);
        _metrics.Undeliverable.Inc(refused.Count);
        foreach (var record in refused)
            _log.ChangelogRecordRefused(record.Message.Topic, record.Message.Partition ?? -1, record.Error.Reason);
        if (refused.Count > 0)
            throw new InvalidOperationException($"the broker refused {refused.Count} model choice record(s) for good ({refused[0].Error.Reason}): their batch is not published");
    }

    /// <returns>A task that completes when the effects were acknowledged and then the changes too; it fails if either failed.</returns>
    public Task WriteAfter(Task effectsAcknowledged, IReadOnlyList<PartitionStateChanges> changes, CancellationToken cancellationToken)
    {
        var pending = new Pending(Interlocked.Increment(ref _queued), effectsAcknowledged, changes.Select(Stamped).ToList(),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        _queue.Add(pending);
        return pending.Written.Task;
    }

    /// <summary>Partitions no longer owned: the changes of theirs still queued (a partition lost to another owner) are dropped.</summary>
    public void Forget(IEnumerable<int> partitions)
    {
        var queuedSoFar = Interlocked.Read(ref _queued);
        foreach (var partition in partitions)
        {
            _lostBefore[partition] = queuedSoFar;
            _owned.Remove(partition);
        }
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task WriteInOrderAsync(ChannelReader<Pending> queue)
    {
        while (await queue.WaitToReadAsync())
        {
            var ready = new List<Pending>();
            while (queue.TryPeek(out var next) && (ready.Count == 0 || next.EffectsAcknowledged.IsCompleted))
            {
                queue.TryRead(out _);
                ready.Add(next);
                await next.EffectsAcknowledged.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!next.EffectsAcknowledged.IsCompletedSuccessfully)
                    break;
            }
            await WriteAsync(ready);
        }
    }

    private async Task WriteAsync(List<Pending> ready)
    {
        // A batch whose effects failed (a shutdown gave up on them) ends the run: nothing after it is written.
        var failedAt = ready.FindIndex(p => !p.EffectsAcknowledged.IsCompletedSuccessfully);
        var writable = failedAt < 0 ? ready : ready[..failedAt];
        try
        {
            var messages = StateChangelogMessages.Coalesce(_topic, writable.SelectMany(p => p.Writes.Where(w => !IsLost(w.Partition, p.Sequence))));
            var refused = await _producer.ProduceAllAsync(messages, writable.Count > 0 ? writable[^1].Cancellation : CancellationToken.None);
            foreach (var record in refused)
                _log.ChangelogRecordRefused(record.Message.Topic, record.Message.Partition ?? -1, record.Error.Reason);
            _metrics.ChangelogRecords.Inc(messages.Count - refused.Count);
            _metrics.Undeliverable.Inc(refused.Count);
            if (refused.Count > 0)
                throw new InvalidOperationException(
                    $"the broker refused {refused.Count} state changelog record(s) for good ({refused[0].Error.Reason}): their batch is not committed");
        }
        catch (Exception e)
        {
            foreach (var pending in ready)
                pending.Written.TrySetException(e);
            return;
        }
        foreach (var pending in writable)
            pending.Written.TrySetResult();
        foreach (var pending in ready.Skip(writable.Count))
            pending.Written.TrySetException(pending.EffectsAcknowledged.Exception?.InnerException ?? new OperationCanceledException("the batch's effects were not acknowledged"));
    }

    private bool IsLost(int partition, long sequence) => _lostBefore.TryGetValue(partition, out var lostBefore) && sequence <= lostBefore;

    private ChangelogWrite Stamped(PartitionStateChanges changes)
    {
        if (!_owned.TryGetValue(changes.Partition, out var owned))
            throw new InvalidOperationException($"state changes of partition {changes.Partition}, which was never claimed");
        var retired = new List<string>();
        foreach (var change in changes.Changes)
        {
            if (owned.StoredAt.Remove(change.UserId, out var epoch) && epoch != owned.Epoch)
                retired.Add(StateChangelogMessages.ListenerKey(change.UserId, epoch));
        }
        return new ChangelogWrite(changes.Partition, owned.Epoch, changes.Changes, retired);
    }

    /// <summary>The epoch a partition was claimed at, the listeners still stored at the keys they were restored from, and the model choices' key's epoch.</summary>
    private sealed record Ownership(int Epoch, Dictionary<long, int> StoredAt)
    {
        public int? ModelsStoredAt { get; set; }
    }

    private sealed record Pending(long Sequence, Task EffectsAcknowledged, IReadOnlyList<ChangelogWrite> Writes, TaskCompletionSource Written, CancellationToken Cancellation);
}
