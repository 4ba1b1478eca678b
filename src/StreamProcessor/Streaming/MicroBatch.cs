using System.Diagnostics;
using Confluent.Kafka;

namespace Pozytywka.StreamProcessor.Streaming;

public static class MicroBatch
{
    /// <summary>Per partition, the offset after the batch's last record there: what committing the batch commits.</summary>
    public static List<TopicPartitionOffset> NextOffsets<TKey, TValue>(IEnumerable<ConsumeResult<TKey, TValue>> batch) =>
        batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1)).ToList();

    /// <summary>
    /// Adds consumed messages to <paramref name="batch"/> until it holds <paramref name="maxSize"/> or its first
    /// message has waited <paramref name="maxWait"/>; when nothing arrives within <paramref name="idleWait"/> it
    /// returns what it has (possibly nothing), so the caller can do housekeeping or stop.
    /// </summary>
    public static void Fill<TKey, TValue>(IConsumer<TKey, TValue> consumer, List<ConsumeResult<TKey, TValue>> batch,
        int maxSize, TimeSpan maxWait, TimeSpan idleWait, CancellationToken stopping)
    {
        long deadline = 0;
        while (batch.Count < maxSize && !stopping.IsCancellationRequested)
        {
            var wait = batch.Count == 0 ? idleWait : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (wait <= TimeSpan.Zero || consumer.Consume(wait) is not { } result)
                return;
            if (batch.Count == 0)
                deadline = Stopwatch.GetTimestamp() + (long)(maxWait.TotalSeconds * Stopwatch.Frequency);
            batch.Add(result);
        }
    }
}
