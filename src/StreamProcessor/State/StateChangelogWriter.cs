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
/// Changes of a partition this instance has lost, queued before the loss, are not written: the new owner's are.
/// </summary>
public sealed class StateChangelogWriter : IAsyncDisposable
{
    private readonly ReliableProducer _producer;
    private readonly string _topic;
    private readonly StreamMetrics _metrics;
    private readonly ILogger<StateChangelogWriter> _log;
    private readonly Handoff<Pending> _queue;
    private readonly ConcurrentDictionary<int, long> _lostBefore = new();
    private long _queued;

    public StateChangelogWriter(ReliableProducer producer, IOptions<KafkaOptions> kafka, StreamMetrics metrics, ILogger<StateChangelogWriter> log)
    {
        (_producer, _topic, _metrics, _log) = (producer, kafka.Value.ChangelogTopic, metrics, log);
        _queue = new Handoff<Pending>(WriteInOrderAsync);
    }

    /// <returns>A task that completes when the effects were acknowledged and then the changes too; it fails if the effects failed.</returns>
    public Task WriteAfter(Task effectsAcknowledged, IReadOnlyList<PartitionStateChanges> changes, CancellationToken cancellationToken)
    {
        var pending = new Pending(Interlocked.Increment(ref _queued), effectsAcknowledged, changes,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        _queue.Add(pending);
        return pending.Written.Task;
    }

    /// <summary>Partitions lost to another owner: the changes of theirs already queued are dropped.</summary>
    public void Forget(IEnumerable<int> partitions)
    {
        var queuedSoFar = Interlocked.Read(ref _queued);
        foreach (var partition in partitions)
            _lostBefore[partition] = queuedSoFar;
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
            var messages = StateChangelogMessages.Coalesce(_topic, writable.SelectMany(p => p.Changes.Where(c => !IsLost(c.Partition, p.Sequence))));
            var refused = await _producer.ProduceAllAsync(messages, writable.Count > 0 ? writable[^1].Cancellation : CancellationToken.None);
            foreach (var record in refused)
                _log.ChangelogRecordRefused(record.Message.Topic, record.Message.Partition ?? -1, record.Error.Reason);
            _metrics.ChangelogRecords.Inc(messages.Count - refused.Count);
            _metrics.Undeliverable.Inc(refused.Count);
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

    private sealed record Pending(long Sequence, Task EffectsAcknowledged, IReadOnlyList<PartitionStateChanges> Changes, TaskCompletionSource Written, CancellationToken Cancellation);
}
