using Confluent.Kafka;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Measuring lag must survive the broker outages it exists to show.</summary>
public class LagMeasurementTests
{
    [Fact]
    public void Asking_the_brokers_for_lag_while_one_is_down_measures_the_partitions_it_can_and_reports_each_one_it_cannot()
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

        var unanswered = new List<(string Question, string Partitions)>();
        cluster.SetBrokerDown(1);
        try
        {
            consumer.MeasureLag(lag, (_, question, partitions) => unanswered.Add((question, partitions)), askTheBroker: true);
        }
        finally
        {
            cluster.SetBrokerUp(1);
        }

        // Partitions led by the two brokers still up are measured: ten records each, none read.
        var measured = lag.GetAllLabelValues().Select(labels => lag.WithLabels(labels).Value).ToList();
        Assert.InRange(measured.Count, 1, 5);
        Assert.All(measured, value => Assert.Equal(10, value));
        var watermarkQuestions = unanswered.Where(u => u.Question == "watermark offsets").ToList();
        Assert.Equal(6 - measured.Count, watermarkQuestions.Count);
        Assert.Equal(6, measured.Count + watermarkQuestions.Select(u => u.Partitions).Distinct().Count());
    }
}
