using System.Diagnostics;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>A task's read of its changelog partition and its claim (<see cref="ChangelogRestorer"/>), running off the stream thread.</summary>
public sealed class StateRead
{
    private long _claimSentTicks;

    private StateRead() { }

    public Task<RestoredPartition> Read { get; private set; } = Task.FromException<RestoredPartition>(new InvalidOperationException("not started"));

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Since when the claim has waited for the broker's acknowledgement; null before it was sent. Set on the read's thread.</summary>
    public DateTime? ClaimSentAt => Volatile.Read(ref _claimSentTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    public static StateRead Start(ChangelogRestorer restorer, int partition, TimeSpan after, TimeProvider clock, CancellationToken abandoned)
    {
        var read = new StateRead();
        async Task<RestoredPartition> ReadAfterDelayAsync()
        {
            await Task.Delay(after, clock, abandoned);
            var restored = await restorer.RestoreAsync([partition], abandoned,
                () => Volatile.Write(ref read._claimSentTicks, clock.GetUtcNow().UtcDateTime.Ticks));
            return restored[0];
        }
        read.Read = ReadAfterDelayAsync();
        return read;
    }
}
