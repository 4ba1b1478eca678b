namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>The topics the processor uses; kafka/topics.conf gives their production settings.</summary>
public static class KafkaTopics
{
    /// <summary>Session events, keyed by listener (user_id) so a listener's events stay in order in one partition.</summary>
    public const string Sessions = "sessions";

    /// <summary>Prefetch / evict decisions, keyed by track id.</summary>
    public const string CacheHints = "cache-hints";

    /// <summary>Events that could not be used, with the original bytes, the reason and where they came from.</summary>
    public const string DeadLetter = "sessions-dead-letter";

    /// <summary>
    /// Every prediction and every real outcome (stream and HTTP), compacted, keyed by prediction id and kind: the
    /// log of record the outcome sink copies into the store, and from which a fresh store can be rebuilt.
    /// </summary>
    public const string Predictions = "skip-predictions";

    /// <summary>Records of <see cref="Predictions"/> the store refuses for good (or cannot read), with the reason, as the sink passes over them.</summary>
    public const string PredictionsDeadLetter = "skip-predictions-dead-letter";

    /// <summary>The consumer group of the stream processor, unless configured otherwise.</summary>
    public const string DefaultGroupId = "pozytywka-skip";

    /// <summary>
    /// The stream's per-listener state, compacted, partitioned as <see cref="Sessions"/>: named after the consumer group
    /// whose committed offsets it goes with, as Kafka Streams names a store's changelog after its application.
    /// </summary>
    public static string StateChangelogOf(string groupId) => $"{groupId}-listener-state-changelog";

    public static IReadOnlyList<string> All { get; } = [Sessions, CacheHints, DeadLetter, Predictions, PredictionsDeadLetter, StateChangelogOf(DefaultGroupId)];
}
