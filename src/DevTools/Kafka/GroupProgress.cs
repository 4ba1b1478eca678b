using Confluent.Kafka;

namespace Pozytywka.DevTools.Kafka;

/// <summary>How far a consumer group has committed in each partition of a topic, next to where the partition ends.</summary>
public static class GroupProgress
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public sealed record Partition(int Number, long Committed, long End);

    /// <summary>Each partition's committed offset (0 when the group has committed none there) and end offset.</summary>
    public static IReadOnlyList<Partition> Of(string bootstrapServers, string groupId, string topic, int partitions)
    {
        // Asks the group's coordinator without joining the group.
        using var group = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId }).Quietly().Build();
        return group.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), Timeout)
            .Select(c => new Partition(c.Partition.Value, Math.Max(0, c.Offset.Value), group.QueryWatermarkOffsets(c.TopicPartition, Timeout).High.Value))
            .ToList();
    }

    /// <summary>The group has committed to the end of every partition; false when the cluster does not answer.</summary>
    public static bool CommittedEverything(string bootstrapServers, string groupId, string topic, int partitions)
    {
        try
        {
            return Of(bootstrapServers, groupId, topic, partitions).All(p => p.Committed == p.End);
        }
        catch (KafkaException)
        {
            return false;
        }
    }
}
