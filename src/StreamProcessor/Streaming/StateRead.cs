using System.Diagnostics;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// One read of changelog partitions and their claims (<see cref="ChangelogRestorer"/>), off the stream thread, shared by
/// the tasks assigned together (one reader for all of them, as one assignment is one read). It is cancelled once none
/// of its tasks still waits for it.
/// </summary>
public sealed class StateRead : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly HashSet<int> _waiting;
    private long _claimSentTicks;

    private StateRead(IEnumerable<int> partitions) => _waiting = [.. partitions];

    public Task<IReadOnlyList<RestoredPartition>> Read { get; private set; } = Task.FromResult<IReadOnlyList<RestoredPartition>>([]);

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Since when the claims have waited for the broker's acknowledgement; null before they were sent. Set on the read's thread.</summary>
    public DateTime? ClaimSentAt => Volatile.Read(ref _claimSentTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    public static StateRead Start(ChangelogRestorer restorer, IReadOnlyCollection<int> partitions, TimeSpan after, TimeProvider clock)
    {
        var read = new StateRead(partitions);
        async Task<IReadOnlyList<RestoredPartition>> ReadAfterDelayAsync()
        {
            await Task.Delay(after, clock, read._cancel.Token);
            return await restorer.RestoreAsync(partitions, read._cancel.Token,
                () => Volatile.Write(ref read._claimSentTicks, clock.GetUtcNow().UtcDateTime.Ticks));
        }
        read.Read = ReadAfterDelayAsync();
        return read;
    }

    public RestoredPartition Of(int partition) => Read.Result.Single(r => r.Partition == partition);

    /// <summary>A task no longer waits for this read (it started, or it is gone); the last one to leave cancels it.</summary>
    public void Leave(int partition)
    {
        if (_waiting.Remove(partition) && _waiting.Count == 0)
        {
            _cancel.Cancel();
            _cancel.Dispose();
        }
    }

    public void Dispose() => _cancel.Dispose();
}
