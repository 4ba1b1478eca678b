using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.DevTools.Kafka;

public static class EmbeddedKafka
{
    /// <summary>
    /// When no bootstrap address is configured, hosts librdkafka's mock cluster in this process (the topics
    /// created, the address written into configuration) so the processor runs with no server installed.
    /// </summary>
    public static void StartWhenUnconfigured(IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(KafkaOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(section[nameof(KafkaOptions.BootstrapServers)]))
            return;
        var options = section.Get<KafkaOptions>() ?? new KafkaOptions();
        var cluster = new MockKafkaCluster();
        foreach (var topic in new[] { options.SessionsTopic, options.CacheHintsTopic, options.DeadLetterTopic, options.PredictionsTopic, options.ChangelogTopic })
            cluster.CreateTopic(topic, options.EmbeddedPartitions);
        builder.Services.AddSingleton(cluster);
        section[nameof(KafkaOptions.BootstrapServers)] = cluster.BootstrapServers;
        section[nameof(KafkaOptions.FetchWaitMax)] ??= MockKafkaCluster.FetchWaitMax.ToString();
    }
}
