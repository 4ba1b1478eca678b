using Confluent.Kafka;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Batches whose effects are on their way to the broker, oldest first, with the offsets each one completes.
/// Offsets become committable strictly in order: a batch's only once it and every batch before it were
/// acknowledged, so a commit never covers an event whose effects could still be lost.
/// </summary>
public sealed class InFlightBatches(int capacity, TimeProvider clock)
{
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(1);
    private readonly Queue<(Task Acknowledged, List<TopicPartitionOffset> Offsets, DateTime SentAt)> _batches = new();

    public void Add(Task acknowledged, List<TopicPartitionOffset> offsets) => _batches.Enqueue((acknowledged, offsets, clock.GetUtcNow().UtcDateTime));

    /// <summary>When the oldest batch still waiting for its acknowledgement was sent; null when none waits.</summary>
    public DateTime? OldestSentAt => _batches.Count > 0 ? _batches.Peek().SentAt : null;

    /// <summary>
    /// The offsets to commit now: those of the acknowledged prefix, after waiting for the oldest batches when more
    /// than <c>capacity</c> are in flight (backpressure) or, with <paramref name="waitForAll"/>, for all of them.
    /// Rethrows when a batch could not be acknowledged (it was cancelled by a shutdown). While it waits,
    /// <paramref name="whileWaiting"/> runs once a second, so a stuck broker stays visible.
    /// </summary>
    public IReadOnlyCollection<TopicPartitionOffset> TakeCommittable(bool waitForAll, Action? whileWaiting = null)
    {
        var offsets = new Dictionary<TopicPartition, TopicPartitionOffset>();
        while (_batches.TryPeek(out var oldest))
        {
            if (!oldest.Acknowledged.IsCompleted && !waitForAll && _batches.Count <= capacity)
                break;
            while (!((IAsyncResult)oldest.Acknowledged).AsyncWaitHandle.WaitOne(WaitSlice))
                whileWaiting?.Invoke();
            oldest.Acknowledged.GetAwaiter().GetResult();
            _batches.Dequeue();
            foreach (var offset in oldest.Offsets)
                offsets[offset.TopicPartition] = offset;
        }
        return offsets.Values;
    }

    /// <summary>Partitions this consumer no longer owns: their offsets must not be committed by it.</summary>
    public void Forget(IReadOnlySet<int> partitions)
    {
        foreach (var batch in _batches)
            batch.Offsets.RemoveAll(o => partitions.Contains(o.Partition.Value));
    }
}
