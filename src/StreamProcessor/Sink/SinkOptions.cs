using System.ComponentModel.DataAnnotations;

namespace Pozytywka.StreamProcessor.Sink;

/// <summary>How the outcome sink copies the predictions topic into the store.</summary>
public sealed class SinkOptions
{
    public const string SectionName = "Sink";

    /// <summary>The sink's own consumer group: a new group id replays the whole (compacted) topic into a fresh store.</summary>
    public string GroupId { get; set; } = "pozytywka-skip-sink";

    /// <summary>Records per store write (one LiteDB transaction, one MongoDB bulk request).</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 2_000;

    /// <summary>How long a write waits to fill up after its first record.</summary>
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>One store write gives up after this long and is tried again.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first pause after a failed write; it doubles up to <see cref="MaxRetryDelay"/> while the store stays down.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On a graceful stop, how long the sink may still take to store and commit the records it has consumed; a store
    /// still down after it leaves them uncommitted, for the next run.
    /// </summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The sink reports itself unhealthy once the store has refused its writes for this long.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);
}
