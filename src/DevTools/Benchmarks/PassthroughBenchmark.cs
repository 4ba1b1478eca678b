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

        var inFlight = new InFlightBatches(streaming.MaxBatchesInFlight, TimeProvider.System);
        var (cpu, clock) = (ProcessCpu.Now(), Stopwatch.StartNew());
        var replaying = Task.Run(replay);
        long handled = 0;
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>(streaming.MaxBatchSize);
        while (!replaying.IsCompleted || handled < replaying.Result)
        {
            MicroBatch.Fill(consumer, batch, streaming.MaxBatchSize, streaming.MaxBatchWait, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            if (batch.Count == 0)
                continue;
            var copies = batch.SelectMany(r => outputs.Select(topic => new Outgoing(topic, new Message<byte[]?, byte[]?> { Key = r.Message.Key, Value = r.Message.Value })));
            inFlight.Add(producer.ProduceAllAsync(copies.ToList()), MicroBatch.NextOffsets(batch));
            foreach (var offset in inFlight.TakeCommittable(waitForAll: false))
                consumer.StoreOffset(offset);
            handled += batch.Count;
            batch.Clear();
        }
        foreach (var offset in inFlight.TakeCommittable(waitForAll: true))
            consumer.StoreOffset(offset);
        // The background commit takes the stored offsets at its next interval, as the processor's does; the consumer is
        // polled meanwhile, as a live one would be.
        var committed = watch.UntilCommittedEverythingAsync(TimeSpan.FromMilliseconds(20));
        while (!committed.IsCompleted)
            consumer.Consume(TimeSpan.FromMilliseconds(10));
        await committed;
        return new FullSpeedPass(handled, clock.Elapsed.TotalSeconds, ProcessCpu.Now().MicrosecondsPerEventSince(cpu, handled));
    }
}
