using System.Text.Json;
using Confluent.Kafka;
using Polly;
using Polly.Retry;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.StreamProcessor.Hints;

/// <summary>
/// Publishes cache hints to the hints topic, keyed by track id so every hint about a track reaches the same
/// cache partition in order. A batch returns only once the broker has acknowledged every hint (so offsets are
/// committed after the hints are durable); failed deliveries are retried with backoff.
/// </summary>
public sealed class CacheHintPublisher : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly ResiliencePipeline _retry;

    public CacheHintPublisher(string bootstrapServers, string topic, int maxRetryAttempts = 5, TimeSpan? firstRetryDelay = null)
    {
        _topic = topic;
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        _retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ProduceException<string, byte[]>>(),
            MaxRetryAttempts = maxRetryAttempts,
            Delay = firstRetryDelay ?? TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        }).Build();
    }

    public async Task PublishAsync(IReadOnlyList<CacheHint> hints, CancellationToken cancellationToken = default)
    {
        var deliveries = hints.Select(hint => _retry.ExecuteAsync(async ct =>
        {
            var message = new Message<string, byte[]>
            {
                Key = hint.TrackId,
                Value = JsonSerializer.SerializeToUtf8Bytes(hint, ContractsJsonContext.Default.CacheHint),
            };
            await _producer.ProduceAsync(_topic, message, ct);
        }, cancellationToken).AsTask());
        await Task.WhenAll(deliveries);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
