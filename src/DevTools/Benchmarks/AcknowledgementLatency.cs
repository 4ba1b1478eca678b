using System.Diagnostics;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// Records awaited until the broker acknowledged each, with the prediction log's producer settings: the floor under
/// a request that must be logged before it is answered, one at a time and with as many in flight as HTTP clients.
/// </summary>
public static class AcknowledgementLatency
{
    private static readonly byte[] Value = new byte[400];

    public static async Task<(double P50Milliseconds, double P99Milliseconds)> MeasureAsync(string bootstrapServers, string topic, int records = 2_000)
    {
        using var producer = NewProducer(bootstrapServers);
        var latencies = new List<double>(records);
        for (var i = 0; i < records; i++)
        {
            var clock = Stopwatch.StartNew();
            await producer.ProduceAsync(Record(topic, i));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return (latencies[records / 2], latencies[(int)(records * 0.99)]);
    }

    /// <summary>
    /// Records per second when <paramref name="inFlight"/> senders each send their next record once the last one was
    /// acknowledged: what a closed loop of that many clients could reach if answering cost nothing else.
    /// </summary>
    public static async Task<double> ClosedLoopRecordsPerSecondAsync(string bootstrapServers, string topic, int inFlight, TimeSpan duration)
    {
        using var producer = NewProducer(bootstrapServers);
        var acknowledged = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(sender => Task.Run(async () =>
        {
            for (var i = sender; clock.Elapsed < duration; i += inFlight)
            {
                await producer.ProduceAsync(Record(topic, i));
                Interlocked.Increment(ref acknowledged);
            }
        })));
        return Interlocked.Read(ref acknowledged) / clock.Elapsed.TotalSeconds;
    }

    /// <summary>A producer with the prediction log's settings: no linger, each record sent as soon as it is given.</summary>
    internal static ReliableProducer NewProducer(string bootstrapServers) => new(bootstrapServers, new ProducerRetryOptions { Linger = TimeSpan.Zero });

    private static Outgoing Record(string topic, int i) => new(topic, new Message<byte[]?, byte[]?> { Key = BitConverter.GetBytes(i), Value = Value });
}
