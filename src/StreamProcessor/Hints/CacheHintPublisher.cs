using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Hints;

/// <summary>
/// Publishes cache hints keyed by track id, so every hint about a track reaches the same cache partition in
/// order. A batch returns only once every hint is acknowledged (see <see cref="ReliableProducer{TKey,TValue}"/>).
/// </summary>
public sealed class CacheHintPublisher(string bootstrapServers, string topic, ProducerRetryOptions? retry = null) : IDisposable
{
    private readonly ReliableProducer<string, byte[]> _producer = new(bootstrapServers, retry);

    public Task PublishAsync(IReadOnlyList<CacheHint> hints, CancellationToken cancellationToken = default) =>
        _producer.ProduceAllAsync(topic, hints.Select(hint => new Message<string, byte[]>
        {
            Key = hint.TrackId,
            Value = JsonSerializer.SerializeToUtf8Bytes(hint, ContractsJsonContext.Default.CacheHint),
        }), cancellationToken);

    public void Dispose() => _producer.Dispose();
}
