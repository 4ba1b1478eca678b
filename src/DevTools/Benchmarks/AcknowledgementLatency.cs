using System.Diagnostics;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>One record at a time, each awaited until the broker acknowledged it: the floor under a request that must be logged before it is answered.</summary>
public static class AcknowledgementLatency
{
    public static async Task<(double P50Milliseconds, double P99Milliseconds)> MeasureAsync(string bootstrapServers, string topic, int records = 2_000)
    {
        using var producer = new ReliableProducer(bootstrapServers, new ProducerRetryOptions { Linger = TimeSpan.Zero });
        var value = new byte[400];
        var latencies = new List<double>(records);
        for (var i = 0; i < records; i++)
        {
            var clock = Stopwatch.StartNew();
            await producer.ProduceAsync(new Outgoing(topic, new Message<byte[]?, byte[]?> { Key = BitConverter.GetBytes(i), Value = value }));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return (latencies[records / 2], latencies[(int)(records * 0.99)]);
    }
}
