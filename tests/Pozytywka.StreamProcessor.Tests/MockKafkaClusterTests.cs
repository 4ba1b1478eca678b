using Confluent.Kafka;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The embedded mock cluster speaks the Kafka protocol over TCP to the real Confluent.Kafka client.</summary>
public class MockKafkaClusterTests
{
    [Fact]
    public void A_real_client_produces_to_and_consumes_from_the_mock_cluster_over_tcp()
    {
        using var cluster = new MockKafkaCluster(brokers: 3);
        cluster.CreateTopic("sessions", partitions: 4, replicationFactor: 3);
        Assert.Matches(@"^127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){2}$", cluster.BootstrapServers);

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var i = 0; i < 100; i++)
                producer.Produce("sessions", new Message<string, string> { Key = $"user-{i % 7}", Value = $"event-{i}" });
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("sessions");
        var received = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < 100 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                received.Add(result);
        }

        Assert.Equal(100, received.Count);
        Assert.All(received.GroupBy(r => r.Message.Key), listener => Assert.Single(listener.Select(r => r.Partition.Value).Distinct()));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"event-{i}").Order(), received.Select(r => r.Message.Value).Order());
    }

    [Fact]
    public async Task A_broker_taken_down_fails_deliveries_until_it_is_back_up()
    {
        using var cluster = new MockKafkaCluster();
        cluster.CreateTopic("cache-hints", partitions: 1);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            // Long enough for the first message after the outage to get through on a loaded 2-core machine (1.5 s
            // was not, in a full suite run), short enough for the one sent during the outage to fail quickly.
            MessageTimeoutMs = 5000,
            // Reconnect promptly once the broker is back (librdkafka's default backs off up to 10 s, longer than
            // the message timeout, so on a busy machine the first message after the outage could time out).
            ReconnectBackoffMs = 20,
            ReconnectBackoffMaxMs = 200,
        }).Build();
        await producer.ProduceAsync("cache-hints", new Message<string, string> { Key = "t", Value = "before" }, TestContext.Current.CancellationToken);

        cluster.SetBrokerDown(1);
        await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("cache-hints", new Message<string, string> { Key = "t", Value = "during" }, TestContext.Current.CancellationToken));

        cluster.SetBrokerUp(1);
        var delivered = await producer.ProduceAsync("cache-hints", new Message<string, string> { Key = "t", Value = "after" }, TestContext.Current.CancellationToken);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
    }
}
