using System.Diagnostics;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.Benchmarks;

/// <summary>
/// The yardstick: a bare consume → produce → commit loop on the same broker, batched like the processor
/// (same batch size and wait, acks=all idempotent producer, commit after acknowledgement), doing no work.
/// </summary>
public static class PassthroughBenchmark
{
    public static double EventsPerSecond(string bootstrapServers, string input, string output, int partitions, Func<long> replay, int maxBatch, TimeSpan maxWait)
    {
        using var producer = new ReliableProducer<byte[]?, byte[]?>(bootstrapServers);
        var assigned = 0;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-passthrough",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).SetPartitionsAssignedHandler((_, p) => assigned += p.Count).Build();
        consumer.Subscribe(input);
        while (assigned < partitions)
            consumer.Consume(TimeSpan.FromMilliseconds(100));

        var replaying = Task.Run(replay);
        var clock = Stopwatch.StartNew();
        long handled = 0;
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>(maxBatch);
        while (!replaying.IsCompleted || handled < replaying.Result)
        {
            MicroBatch.Fill(consumer, batch, maxBatch, maxWait, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            if (batch.Count == 0)
                continue;
            producer.ProduceAllAsync(output, batch.Select(r => new Message<byte[]?, byte[]?> { Key = r.Message.Key, Value = r.Message.Value })).GetAwaiter().GetResult();
            consumer.Commit(batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1)));
            handled += batch.Count;
            batch.Clear();
        }
        return handled / clock.Elapsed.TotalSeconds;
    }
}
