namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>Where the processor reads and writes. An empty bootstrap address starts an embedded mock cluster.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    public string BootstrapServers { get; set; } = "";
    public string GroupId { get; set; } = "pozytywka-skip";
    public string SessionsTopic { get; set; } = KafkaTopics.Sessions;
    public string CacheHintsTopic { get; set; } = KafkaTopics.CacheHints;
    public string DeadLetterTopic { get; set; } = KafkaTopics.DeadLetter;

    /// <summary>Partitions per topic when the embedded mock cluster creates them.</summary>
    public int EmbeddedPartitions { get; set; } = 24;
}
