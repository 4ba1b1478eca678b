using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DotNet.Testcontainers.Builders;
using Testcontainers.Kafka;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// A Kafka for tests, chosen in this order: the cluster at <c>KAFKA_BOOTSTRAP_SERVERS</c>; a Testcontainers
/// Kafka when a Docker engine answers; otherwise librdkafka's mock cluster in this process. All three speak the
/// Kafka protocol over TCP, so the tests exercise the same client code against each.
/// </summary>
public sealed class TestKafka : IAsyncDisposable
{
    private readonly MockKafkaCluster? _mock;
    private readonly KafkaContainer? _container;

    private TestKafka(string bootstrapServers, string kind, MockKafkaCluster? mock, KafkaContainer? container)
    {
        BootstrapServers = bootstrapServers;
        Kind = kind;
        _mock = mock;
        _container = container;
    }

    public string BootstrapServers { get; }

    /// <summary>The mock cluster when that is what runs, for tests that take brokers down; null otherwise.</summary>
    public MockKafkaCluster? Mock => _mock;

    /// <summary>Which of the three this is, for test output.</summary>
    public string Kind { get; }

    public static async Task<TestKafka> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS") is { Length: > 0 } external)
            return new TestKafka(external, "external", null, null);
        try
        {
            var container = new KafkaBuilder("confluentinc/cp-kafka:7.6.1").Build();
            await container.StartAsync();
            return new TestKafka(container.GetBootstrapAddress(), "testcontainers", null, container);
        }
        catch (DockerUnavailableException)
        {
            var mock = new MockKafkaCluster(brokers: 3);
            return new TestKafka(mock.BootstrapServers, "mock cluster", mock, null);
        }
    }

    /// <summary>Creates a topic with a unique name, so tests sharing a cluster never read each other's messages.</summary>
    public async Task<string> CreateTopicAsync(string prefix, int partitions)
    {
        var topic = $"{prefix}-{Guid.NewGuid():N}";
        if (_mock is not null)
        {
            _mock.CreateTopic(topic, partitions, replicationFactor: 1);
            return topic;
        }
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]);
        return topic;
    }

    public async ValueTask DisposeAsync()
    {
        _mock?.Dispose();
        if (_container is not null)
            await _container.DisposeAsync();
    }
}
