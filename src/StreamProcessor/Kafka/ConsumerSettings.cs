using Confluent.Kafka;

namespace Pozytywka.StreamProcessor.Kafka;

public static class ConsumerSettings
{
    /// <summary>
    /// A group member that commits by hand, after its effects are durable: cooperative-sticky assignment (a
    /// rebalance moves only the partitions that change owner), from the beginning when the group has no offset.
    /// </summary>
    public static ConsumerConfig ForGroup(KafkaOptions kafka, string groupId) => new()
    {
        BootstrapServers = kafka.BootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        FetchWaitMaxMs = (int)kafka.FetchWaitMax.TotalMilliseconds,
        SessionTimeoutMs = (int)kafka.SessionTimeout.TotalMilliseconds,
    };

    /// <summary>
    /// The same member, but librdkafka commits in the background every <paramref name="interval"/> the offsets the
    /// application stored (<c>StoreOffset</c>, only for acknowledged work), and on close.
    /// </summary>
    public static ConsumerConfig CommittingInBackground(ConsumerConfig config, TimeSpan interval)
    {
        config.EnableAutoCommit = true;
        config.EnableAutoOffsetStore = false;
        config.AutoCommitIntervalMs = (int)interval.TotalMilliseconds;
        return config;
    }
}
