using Confluent.Kafka;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Measuring lag must survive the broker outages it exists to show.</summary>
public class LagMeasurementTests
{
    [Fact]
    public void Asking_the_brokers_for_lag_while_one_is_down_measures_the_partitions_it_can_and_does_not_throw()
    {
        using var cluster = new MockKafkaCluster(brokers: 3);
        cluster.CreateTopic("lagging", partitions: 6);
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var i = 0; i < 60; i++)
                producer.Produce(new TopicPartition("lagging", i % 6), new Message<byte[]?, byte[]?> { Value = [1] });
            producer.Flush(TimeSpan.FromSeconds(30));
        }
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "lag" }).Build();
        consumer.Assign(Enumerable.Range(0, 6).Select(p => new TopicPartitionOffset("lagging", p, Offset.Beginning)));
        var lag = Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()).CreateGauge("lag", "lag", "partition");

        cluster.SetBrokerDown(1);
        try
        {
            consumer.MeasureLag(lag, askTheBroker: true);
        }
        finally
        {
            cluster.SetBrokerUp(1);
        }

        // Partitions led by the two brokers still up are measured: ten records each, none read.
        var measured = lag.GetAllLabelValues().Select(labels => lag.WithLabels(labels).Value).ToList();
        Assert.InRange(measured.Count, 1, 5);
        Assert.All(measured, value => Assert.Equal(10, value));
    }
}
