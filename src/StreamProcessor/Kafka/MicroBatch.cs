using System.Diagnostics;
using Confluent.Kafka;

namespace Pozytywka.StreamProcessor.Kafka;

public static class MicroBatch
{
    /// <summary>Per partition, the offset after the batch's last record there: what committing the batch commits.</summary>
    public static List<TopicPartitionOffset> NextOffsets<TKey, TValue>(IEnumerable<ConsumeResult<TKey, TValue>> batch) =>
        batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1)).ToList();

    /// <summary>
    /// Hands consumed messages to <paramref name="take"/> until it has taken <paramref name="maxSize"/> or the first
    /// has waited <paramref name="maxWait"/>; when nothing arrives within <paramref name="idleWait"/> it returns with
    /// what it has (possibly nothing), so the caller can do housekeeping or stop. Returns how many it handed over.
    /// </summary>
    public static int Fill<TKey, TValue>(IConsumer<TKey, TValue> consumer, Action<ConsumeResult<TKey, TValue>> take,
        int maxSize, TimeSpan maxWait, TimeSpan idleWait, CancellationToken stopping)
    {
        var (taken, deadline) = (0, 0L);
        while (taken < maxSize && !stopping.IsCancellationRequested)
        {
            var wait = taken == 0 ? idleWait : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (wait <= TimeSpan.Zero || consumer.Consume(wait) is not { } result)
                break;
            if (taken++ == 0)
                deadline = Stopwatch.GetTimestamp() + (long)(maxWait.TotalSeconds * Stopwatch.Frequency);
            take(result);
        }
        return taken;
    }
}
