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

    private static readonly TimeSpan WatermarkQueryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sets, per assigned partition, how many records lie between the consumer's position and the log's end. A
    /// fetching consumer knows the end from its last fetch; a paused one does not fetch, so it must
    /// <paramref name="askTheBroker"/>, or its lag would freeze exactly when it grows; then a partition it has not
    /// read from yet counts from the group's committed offset, or from the log's start. Without asking, nothing here
    /// waits for the network.
    /// </summary>
    public static void MeasureLag<TKey, TValue>(this IConsumer<TKey, TValue> consumer, Prometheus.Gauge lag, bool askTheBroker = false)
    {
        var assignment = consumer.Assignment;
        var positions = assignment.ToDictionary(p => p, p => consumer.Position(p).Value);
        var unread = positions.Where(p => p.Value < 0).Select(p => p.Key).ToList();
        if (askTheBroker && unread.Count > 0)
        {
            try
            {
                foreach (var committed in consumer.Committed(unread, WatermarkQueryTimeout))
                    positions[committed.TopicPartition] = committed.Offset.Value;
            }
            catch (KafkaException)
            {
                // The coordinator is out of reach: those partitions count from the log's start, as if never committed.
            }
        }
        foreach (var partition in assignment)
        {
            WatermarkOffsets watermarks;
            try
            {
                watermarks = askTheBroker ? consumer.QueryWatermarkOffsets(partition, WatermarkQueryTimeout) : consumer.GetWatermarkOffsets(partition);
            }
            catch (KafkaException)
            {
                // The partition's leader is out of reach (a broker outage): its gauge keeps the last lag measured.
                continue;
            }
            var (high, position) = (watermarks.High.Value, positions[partition] >= 0 ? positions[partition] : watermarks.Low.Value);
            if (high >= 0 && position >= 0)
                lag.WithLabels(partition.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(high - position);
        }
    }
}
