using System.ComponentModel.DataAnnotations;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>
/// Where the processor reads and writes. The processor itself needs a broker; the development tools
/// (<c>./pozytywka serve</c>, <c>demo</c>, <c>bench</c>) start an embedded mock cluster when no address is set.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    [Required(AllowEmptyStrings = false, ErrorMessage =
        "Kafka:BootstrapServers is required (serve --bootstrap HOST:PORT or Kafka__BootstrapServers); ./pozytywka serve starts an embedded broker for local runs")]
    public string BootstrapServers { get; set; } = "";
    public string GroupId { get; set; } = KafkaTopics.DefaultGroupId;
    public string SessionsTopic { get; set; } = KafkaTopics.Sessions;
    public string CacheHintsTopic { get; set; } = KafkaTopics.CacheHints;
    public string DeadLetterTopic { get; set; } = KafkaTopics.DeadLetter;
    public string PredictionsTopic { get; set; } = KafkaTopics.Predictions;
    public string PredictionsDeadLetterTopic { get; set; } = KafkaTopics.PredictionsDeadLetter;

    /// <summary>The compacted topic holding the stream's per-listener state; empty means <see cref="KafkaTopics.StateChangelogOf"/> the group.</summary>
    public string StateChangelogTopic { get; set; } = "";

    public string ChangelogTopic => string.IsNullOrWhiteSpace(StateChangelogTopic) ? KafkaTopics.StateChangelogOf(GroupId) : StateChangelogTopic;

    /// <summary>
    /// How long a fetch may wait at the broker for data. A real broker answers as soon as data arrives, so this
    /// only bounds idle polling; librdkafka's mock cluster answers an empty fetch only after the full wait, so
    /// on it this directly adds to event → hint latency and is set to a few milliseconds.
    /// </summary>
    public TimeSpan FetchWaitMax { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long the group waits for a member that stopped heartbeating (killed, hung, cut off) before its partitions
    /// move to the others: their events wait at most this long. librdkafka's default; the broker bounds it
    /// (group.min/max.session.timeout.ms).
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Partitions per topic when the development tools' embedded mock cluster creates them.</summary>
    public int EmbeddedPartitions { get; set; } = 24;
}
