using System.Diagnostics;
using Confluent.Kafka;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// The yardstick: a bare consume → produce → commit loop on the same broker, built like the processor and doing
/// no work: the same consumer settings and batching, the same producer (acks=all, idempotent), each event copied to
/// as many topics as the processor writes (hints, predictions and the state changelog), the same number of batches in
/// flight, offsets stored in order after acknowledgement and committed in the background at the same interval. It
/// ends where the processor's passes end: the group has committed the end of every input partition.
/// </summary>
public static class PassthroughBenchmark
{
    public static async Task<FullSpeedPass> RunAsync(KafkaOptions kafka, string input, IReadOnlyList<string> outputs, int partitions, Func<long> replay,
        StreamingOptions streaming)
    {
        var group = $"bench-{input}";
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        var assigned = 0;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerSettings.CommittingInBackground(ConsumerSettings.ForGroup(kafka, group), streaming.CommitInterval))
            .SetPartitionsAssignedHandler((_, p) => assigned += p.Count).Build();
        consumer.Subscribe(input);
        while (assigned < partitions)
            consumer.Consume(TimeSpan.FromMilliseconds(100));
        using var watch = new CommitWatch(kafka.BootstrapServers, group, input, partitions);

        var inFlight = new Dictionary<TopicPartition, PendingCommits>();
        var (cpu, clock) = (ProcessCpu.Now(), Stopwatch.StartNew());
        var replaying = Task.Run(replay);
        long handled = 0;
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>(streaming.MaxBatchSize);
        while (!replaying.IsCompleted || handled < replaying.Result)
        {
            MicroBatch.Fill(consumer, batch.Add, streaming.MaxBatchSize, streaming.MaxBatchWait, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            if (batch.Count == 0)
                continue;
            var copies = batch.SelectMany(r => outputs.Select(topic => new Outgoing(topic, new Message<byte[]?, byte[]?> { Key = r.Message.Key, Value = r.Message.Value })));
            var acknowledged = producer.ProduceAllAsync(copies.ToList());
            foreach (var offset in MicroBatch.NextOffsets(batch))
            {
                if (!inFlight.TryGetValue(offset.TopicPartition, out var pending))
                    inFlight[offset.TopicPartition] = pending = new PendingCommits(TimeProvider.System);
                pending.Add(acknowledged, offset.Offset.Value);
            }
            StoreCommittable(consumer, inFlight, streaming.MaxBatchesInFlight);
            handled += batch.Count;
            batch.Clear();
        }
        StoreCommittable(consumer, inFlight, inFlightAtMost: 0);
        // The background commit takes the stored offsets at its next interval, as the processor's does; the consumer is
        // polled meanwhile, as a live one would be.
        var committed = watch.UntilCommittedEverythingAsync(TimeSpan.FromMilliseconds(20));
        while (!committed.IsCompleted)
            consumer.Consume(TimeSpan.FromMilliseconds(10));
        await committed;
        return new FullSpeedPass(handled, clock.Elapsed.TotalSeconds, ProcessCpu.Now().MicrosecondsPerEventSince(cpu, handled));
    }

    /// <summary>As the processor's tasks do: per partition, the acknowledged prefix, waiting while more than <paramref name="inFlightAtMost"/> batches wait.</summary>
    private static void StoreCommittable(IConsumer<byte[]?, byte[]?> consumer, Dictionary<TopicPartition, PendingCommits> inFlight, int inFlightAtMost)
    {
        foreach (var (partition, pending) in inFlight)
        {
            if (pending.TakeCommittable(inFlightAtMost) is { } next)
                consumer.StoreOffset(new TopicPartitionOffset(partition, next));
        }
    }
}
