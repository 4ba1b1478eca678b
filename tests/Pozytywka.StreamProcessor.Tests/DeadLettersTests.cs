using System.Text;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

public class DeadLettersTests
{
    [Fact]
    public async Task A_dead_letter_carries_the_original_bytes_and_its_reason_and_source_through_kafka()
    {
        await using var kafka = await TestKafka.StartAsync();
        var sessions = await kafka.CreateTopicAsync(KafkaTopics.Sessions, partitions: 2);
        var deadLetter = await kafka.CreateTopicAsync(KafkaTopics.DeadLetter, partitions: 1);
        var config = new ProducerConfig { BootstrapServers = kafka.BootstrapServers };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        var original = Encoding.UTF8.GetBytes("{\"timestamp\": \"2023-01-0");
        var sent = await producer.ProduceAsync(sessions, new Message<byte[]?, byte[]?> { Key = "101"u8.ToArray(), Value = original }, TestContext.Current.CancellationToken);

        using var consumer = Consumer(kafka.BootstrapServers);
        consumer.Assign(sent.TopicPartitionOffset);
        var bad = ConsumeOne(consumer);
        await producer.ProduceAsync(deadLetter, DeadLetters.Create(new Rejected(bad.ToIncoming(), "InvalidJson", "invalid JSON: unexpected end")), TestContext.Current.CancellationToken);

        consumer.Assign(new TopicPartitionOffset(deadLetter, 0, Offset.Beginning));
        var letter = ConsumeOne(consumer);
        Assert.Equal(original, letter.Message.Value);
        Assert.Equal("101"u8.ToArray(), letter.Message.Key);
        Assert.Equal(new DeadLetterInfo("InvalidJson", "invalid JSON: unexpected end", sessions, sent.Partition.Value, sent.Offset.Value),
            DeadLetters.Read(letter.Message.Headers));
    }

    [Fact]
    public void A_message_without_dead_letter_headers_is_named_as_such()
    {
        var error = Assert.Throws<InvalidDataException>(() => DeadLetters.Read([]));
        Assert.Contains(DeadLetters.KindHeader, error.Message, StringComparison.Ordinal);
    }

    // Partitions are assigned by hand: no consumer group is needed to read one known message.
    private static IConsumer<byte[]?, byte[]?> Consumer(string bootstrapServers) =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "dead-letter-test" }).Build();

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
