using System.Diagnostics;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.Benchmarks;

/// <summary>
/// The yardstick: a bare consume → produce → commit loop on the same broker, built like the processor and doing
/// no work: the same batching, the same producer (acks=all, idempotent), each event copied to as many topics as
/// the processor writes (hints and predictions), the same number of batches in flight, commits in order after
/// acknowledgement.
/// </summary>
public static class PassthroughBenchmark
{
    public static double EventsPerSecond(string bootstrapServers, string input, IReadOnlyList<string> outputs, int partitions, Func<long> replay,
        int maxBatch, TimeSpan maxWait, int batchesInFlight)
    {
        using var producer = new ReliableProducer(bootstrapServers);
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

        var inFlight = new InFlightBatches(batchesInFlight);
        var replaying = Task.Run(replay);
        var clock = Stopwatch.StartNew();
        long handled = 0;
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>(maxBatch);
        while (!replaying.IsCompleted || handled < replaying.Result)
        {
            MicroBatch.Fill(consumer, batch, maxBatch, maxWait, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            if (batch.Count == 0)
                continue;
            var copies = batch.SelectMany(r => outputs.Select(topic => new Outgoing(topic, new Message<byte[]?, byte[]?> { Key = r.Message.Key, Value = r.Message.Value })));
            inFlight.Add(producer.ProduceAllAsync(copies.ToList()), batch.GroupBy(r => r.TopicPartition)
                .Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1)).ToList());
            Commit(consumer, inFlight.TakeCommittable(waitForAll: false));
            handled += batch.Count;
            batch.Clear();
        }
        Commit(consumer, inFlight.TakeCommittable(waitForAll: true));
        return handled / clock.Elapsed.TotalSeconds;
    }

    private static void Commit(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyCollection<TopicPartitionOffset> offsets)
    {
        if (offsets.Count > 0)
            consumer.Commit(offsets);
    }
}
