using System.ComponentModel.DataAnnotations;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>How events are grouped into micro-batches, committed and drained.</summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>
    /// Stream threads in this process, as Kafka Streams' <c>num.stream.threads</c>: each is a consumer of its own in
    /// the group, with the tasks of the partitions it is assigned.
    /// </summary>
    [Range(1, 64)]
    public int Threads { get; set; } = 1;

    /// <summary>A batch is scored once it holds this many events...</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>...or once this long has passed since its first event, whichever comes first.</summary>
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Batches of a partition whose effects are sent but not yet acknowledged by the broker; beyond this the consumer waits
    /// (backpressure), so a slow broker slows consumption instead of piling up memory.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxBatchesInFlight { get; set; } = 8;

    /// <summary>
    /// <c>/health/ready</c> turns 503 once a batch has waited this long for the broker's acknowledgement (the broker
    /// keeps refusing, or is unreachable); retries go on, and it turns 200 again as soon as batches are acknowledged.
    /// </summary>
    public TimeSpan UnreadyAfterUnacknowledged { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often acknowledged offsets are committed. A crash reprocesses at most about this much, with identical
    /// effects; shorter means more commit round trips to the broker.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sessions end on event time (<c>Scoring:SessionIdleTimeout</c>), which moves only with events. A partition from
    /// which nothing has arrived for this long, and which the broker confirms is read to its end, has its open
    /// sessions ended: their last plays were heard in full. A broker outage never counts as quiet.
    /// </summary>
    public TimeSpan QuietPartitionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long the producers of <c>sessions</c> keep retrying a record the broker did not take (librdkafka's
    /// <c>delivery.timeout.ms</c> defaults to 5 min): a quiet partition's sessions end only once the broker has
    /// confirmed the same end for this long, so a backlog producers send after an outage is never late.
    /// </summary>
    public TimeSpan ProducerRetryWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a clean shutdown may take to finish the batch in hand and commit.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
