using System.Diagnostics;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// The yardstick: a bare consume → produce → commit loop on the same broker, built like the processor and doing
/// no work: the same consumer settings and batching, the same producer (acks=all, idempotent), each event copied to
/// as many topics as the processor writes (hints, predictions and the state changelog), the same number of batches in flight, offsets
/// stored in order after acknowledgement and committed in the background at the same interval.
/// </summary>
public static class PassthroughBenchmark
{
    public static double EventsPerSecond(KafkaOptions kafka, string input, IReadOnlyList<string> outputs, int partitions, Func<long> replay,
        StreamingOptions streaming)
    {
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        var assigned = 0;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerSettings.CommittingInBackground(ConsumerSettings.ForGroup(kafka, $"bench-{input}"), streaming.CommitInterval))
            .SetPartitionsAssignedHandler((_, p) => assigned += p.Count).Build();
        consumer.Subscribe(input);
        while (assigned < partitions)
            consumer.Consume(TimeSpan.FromMilliseconds(100));

        var inFlight = new InFlightBatches(streaming.MaxBatchesInFlight, TimeProvider.System);
        var replaying = Task.Run(replay);
        var clock = Stopwatch.StartNew();
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
        consumer.Commit();
        return handled / clock.Elapsed.TotalSeconds;
    }
}
