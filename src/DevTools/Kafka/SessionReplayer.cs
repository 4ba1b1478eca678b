using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Pozytywka.Listening.Exports;
using Pozytywka.Contracts.Json;

namespace Pozytywka.DevTools.Kafka;

/// <summary>
/// Produces an export's session events into Kafka exactly as the service would: the original bytes, in file
/// order, keyed by listener id so each listener's events stay in order in one partition. A line without a
/// readable listener id goes out unkeyed and the processor dead-letters it. Lines may be throttled to a rate.
/// </summary>
public sealed class SessionReplayer(string bootstrapServers, string topic) : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> _producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 1,
        // Above the broker's default, so an oversized event reaches the topic as it did in production.
        MessageMaxBytes = 2_000_000,
    }).Quietly().Build();

    public long Replay(IEnumerable<JsonLine> lines, double? eventsPerSecond = null, Action<long>? replayedSoFar = null, int reportEvery = 10_000,
        CancellationToken cancellationToken = default)
    {
        long sent = 0;
        Exception? failure = null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var line in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = line.Bytes.ToArray();
            Produce(new Message<byte[]?, byte[]> { Key = ListenerKey(value), Value = value }, report =>
            {
                if (report.Error.IsError)
                    failure ??= new KafkaException(report.Error);
            });
            sent++;
            if (eventsPerSecond is { } rate && TimeSpan.FromSeconds(sent / rate) - started.Elapsed is { Ticks: > 0 } ahead)
                Thread.Sleep(ahead);
            if (sent % reportEvery == 0)
                replayedSoFar?.Invoke(sent);
        }
        _producer.Flush(cancellationToken);
        replayedSoFar?.Invoke(sent);
        return failure is null ? sent : throw new InvalidOperationException($"replaying into {topic} failed", failure);
    }

    private void Produce(Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> onDelivery)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    public static byte[]? ListenerKey(byte[] value) =>
        SessionEventParser.TryParse(value, out var parsed, out _) ? Encoding.UTF8.GetBytes(parsed!.UserId.ToString(CultureInfo.InvariantCulture)) : null;

    public void Dispose() => _producer.Dispose();
}
