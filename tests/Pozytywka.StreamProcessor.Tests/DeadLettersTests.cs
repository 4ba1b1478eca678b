using System.Text;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

public class DeadLettersTests
{
    [Fact]
    public async Task A_dead_letter_carries_the_original_bytes_and_its_reason_and_source_through_a_broker()
    {
        using var cluster = new MockKafkaCluster(brokers: 3);
        cluster.CreateTopic(KafkaTopics.Sessions, partitions: 2);
        cluster.CreateTopic(KafkaTopics.DeadLetter, partitions: 1);
        var config = new ProducerConfig { BootstrapServers = cluster.BootstrapServers };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        var original = Encoding.UTF8.GetBytes("{\"timestamp\": \"2023-01-0");
        var sent = await producer.ProduceAsync(KafkaTopics.Sessions, new Message<byte[]?, byte[]?> { Key = "101"u8.ToArray(), Value = original }, TestContext.Current.CancellationToken);

        using var consumer = Consumer(cluster, "dead-letter-test");
        consumer.Assign(sent.TopicPartitionOffset);
        var bad = ConsumeOne(consumer);
        await producer.ProduceAsync(KafkaTopics.DeadLetter, DeadLetters.Create(bad, "InvalidJson", "invalid JSON: unexpected end"), TestContext.Current.CancellationToken);

        consumer.Assign(new TopicPartitionOffset(KafkaTopics.DeadLetter, 0, Offset.Beginning));
        var letter = ConsumeOne(consumer);
        Assert.Equal(original, letter.Message.Value);
        Assert.Equal("101"u8.ToArray(), letter.Message.Key);
        Assert.Equal(new DeadLetterInfo("InvalidJson", "invalid JSON: unexpected end", KafkaTopics.Sessions, sent.Partition.Value, sent.Offset.Value),
            DeadLetters.Read(letter.Message.Headers));
    }

    [Fact]
    public void A_message_without_dead_letter_headers_is_named_as_such()
    {
        var error = Assert.Throws<InvalidDataException>(() => DeadLetters.Read([]));
        Assert.Contains(DeadLetters.KindHeader, error.Message, StringComparison.Ordinal);
    }

    private static IConsumer<byte[]?, byte[]?> Consumer(MockKafkaCluster cluster, string group) =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();

    private static ConsumeResult<byte[]?, byte[]?> ConsumeOne(IConsumer<byte[]?, byte[]?> consumer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                return result;
        }
        throw new TimeoutException("nothing arrived within 30 s");
    }
}
