namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// One partition's batches whose effects are on their way to the broker, oldest first, each with the offset that
/// committing it commits (none for effects that complete no event, as a quiet partition's ended sessions). An offset
/// becomes committable only once its batch and every batch before it were acknowledged, so a commit never covers an
/// event whose effects could still be lost.
/// </summary>
public sealed class PendingCommits(TimeProvider clock)
{
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(1);
    private readonly Queue<(Task Acknowledged, long? Next, DateTime SentAt)> _batches = new();

    public int Count => _batches.Count;

    /// <summary>When the oldest batch still waiting for its acknowledgement was sent; null when none waits.</summary>
    public DateTime? OldestSentAt => _batches.Count > 0 ? _batches.Peek().SentAt : null;

    public void Add(Task acknowledged, long? next) => _batches.Enqueue((acknowledged, next, clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// The offset to commit now, if any: that of the acknowledged prefix, after waiting for the oldest batches while
    /// more than <paramref name="inFlightAtMost"/> wait (0: all of them). Rethrows when a batch could not be
    /// acknowledged (a shutdown cancelled it). While it waits, <paramref name="whileWaiting"/> runs once a second, so
    /// a stuck broker stays visible.
    /// </summary>
    public long? TakeCommittable(int inFlightAtMost, Action? whileWaiting = null)
    {
        long? next = null;
        while (_batches.TryPeek(out var oldest))
        {
            if (!oldest.Acknowledged.IsCompleted && _batches.Count <= inFlightAtMost)
                break;
            while (!((IAsyncResult)oldest.Acknowledged).AsyncWaitHandle.WaitOne(WaitSlice))
                whileWaiting?.Invoke();
            oldest.Acknowledged.GetAwaiter().GetResult();
            _batches.Dequeue();
            next = oldest.Next ?? next;
        }
        return next;
    }
}
