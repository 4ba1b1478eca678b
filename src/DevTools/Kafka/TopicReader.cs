using Confluent.Kafka;

namespace Pozytywka.DevTools.Kafka;

public static class TopicReader
{
    /// <summary>Every message now in the topic, read with partitions assigned by hand until each reports its end.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnablePartitionEof = true,
            EnableAutoCommit = false,
        }).Quietly().Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var messages = new List<ConsumeResult<byte[]?, byte[]?>>();
        var ended = new HashSet<int>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ended.Count < partitions)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{topic}: only {ended.Count} of {partitions} partitions reached their end");
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is not { } result)
                continue;
            if (result.IsPartitionEOF)
                ended.Add(result.Partition.Value);
            else
                messages.Add(result);
        }
        return messages;
    }
}
