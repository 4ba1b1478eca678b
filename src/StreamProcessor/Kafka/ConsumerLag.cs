using System.Globalization;
using Confluent.Kafka;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>A question to the broker that went unanswered: what was asked, and of which partitions.</summary>
public delegate void UnansweredQuestion(KafkaException exception, string question, string partitions);

/// <summary>How many records lie between a consumer's position and the end of each partition it owns.</summary>
public static class ConsumerLag
{
    private static readonly TimeSpan WatermarkQueryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sets, per assigned partition, how many records lie between the consumer's position and the log's end. A
    /// fetching consumer knows the end from its last fetch; a paused one does not fetch, so it must
    /// <paramref name="askTheBroker"/>, or its lag would freeze exactly when it grows. Without asking, nothing here
    /// waits for the network. A partition whose leader is out of reach keeps the last lag measured, and the question
    /// that went unanswered is handed to <paramref name="unanswered"/>.
    /// </summary>
    public static void MeasureLag<TKey, TValue>(this IConsumer<TKey, TValue> consumer, Prometheus.Gauge lag, UnansweredQuestion unanswered,
        bool askTheBroker = false)
    {
        foreach (var (partition, records, _) in consumer.Lag(consumer.Assignment, askTheBroker, unanswered))
            lag.WithLabels(partition.Partition.Value.ToString(CultureInfo.InvariantCulture)).Set(records);
    }

    /// <summary>
    /// The partitions among <paramref name="partitions"/>, asked in order, that the broker confirms this consumer has
    /// read to their end, with that end. The first partition whose leader is out of reach ends the questions (an outage
    /// then costs one timeout, not one per partition) and is returned as <c>OutOfReach</c>: it may well have more to read.
    /// </summary>
    public static (List<(int Partition, long End)> FullyRead, int? OutOfReach) ConfirmedFullyRead<TKey, TValue>(this IConsumer<TKey, TValue> consumer,
        string topic, IEnumerable<int> partitions, UnansweredQuestion unanswered)
    {
        var fullyRead = new List<(int, long)>();
        foreach (var partition in partitions)
        {
            if (consumer.Lag([new TopicPartition(topic, partition)], askTheBroker: true, unanswered) is not [var (_, records, end)])
                return (fullyRead, partition);
            if (records == 0)
                fullyRead.Add((partition, end));
        }
        return (fullyRead, null);
    }

    /// <summary>
    /// The lag of each of <paramref name="partitions"/> that can be measured (one whose leader is out of reach is left
    /// out). Asking the broker, a partition not read from yet counts from the group's committed offset, or from the
    /// log's start; never from before the log's start.
    /// </summary>
    private static List<(TopicPartition Partition, long Records, long End)> Lag<TKey, TValue>(this IConsumer<TKey, TValue> consumer,
        List<TopicPartition> partitions, bool askTheBroker, UnansweredQuestion unanswered)
    {
        var positions = partitions.ToDictionary(p => p, p => consumer.Position(p).Value);
        var unread = positions.Where(p => p.Value < 0).Select(p => p.Key).ToList();
        if (askTheBroker && unread.Count > 0)
        {
            try
            {
                foreach (var committed in consumer.Committed(unread, WatermarkQueryTimeout))
                    positions[committed.TopicPartition] = committed.Offset.Value;
            }
            catch (KafkaException e)
            {
                // The coordinator is out of reach: those partitions count from the log's start, as if never committed.
                unanswered(e, "committed offsets", string.Join(", ", unread));
            }
        }
        var lags = new List<(TopicPartition, long, long)>(partitions.Count);
        foreach (var partition in partitions)
        {
            WatermarkOffsets watermarks;
            try
            {
                watermarks = askTheBroker ? consumer.QueryWatermarkOffsets(partition, WatermarkQueryTimeout) : consumer.GetWatermarkOffsets(partition);
            }
            catch (KafkaException e)
            {
                unanswered(e, "watermark offsets", partition.ToString());
                continue;
            }
            var (high, position) = (watermarks.High.Value, Math.Max(positions[partition], watermarks.Low.Value));
            if (high >= 0 && position >= 0)
                lags.Add((partition, high - position, high));
        }
        return lags;
    }
}
