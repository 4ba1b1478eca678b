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
    public string PredictionsTopic { get; set; } = KafkaTopics.Predictions;

    /// <summary>
    /// How long a fetch may wait at the broker for data. A real broker answers as soon as data arrives, so this
    /// only bounds idle polling; librdkafka's mock cluster answers an empty fetch only after the full wait, so
    /// on it this directly adds to event → hint latency and is set to a few milliseconds.
    /// </summary>
    public TimeSpan FetchWaitMax { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Partitions per topic when the embedded mock cluster creates them.</summary>
    public int EmbeddedPartitions { get; set; } = 24;
}
