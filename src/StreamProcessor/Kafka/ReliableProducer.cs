using Confluent.Kafka;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>How hard a producer tries before a batch fails, and when it stops trying for a while.</summary>
public sealed class ProducerRetryOptions
{
    public int MaxRetryAttempts { get; set; } = 5;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long librdkafka itself keeps retrying one message before reporting it failed.</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After mostly failed deliveries, fail fast for this long instead of queueing more against a dead broker.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// A producer whose batches return only once the broker has acknowledged every message: acks from all in-sync
/// replicas, idempotent (a retried send is never written twice), and failed deliveries retried with
/// exponential backoff by Polly, behind a circuit breaker that fails fast while the broker keeps refusing.
/// What it returns from is durable, so offsets may be committed after it.
/// </summary>
public sealed class ReliableProducer<TKey, TValue> : IDisposable
{
    private readonly IProducer<TKey, TValue> _producer;
    private readonly ResiliencePipeline _retry;

    public ReliableProducer(string bootstrapServers, ProducerRetryOptions? retry = null)
    {
        retry ??= new ProducerRetryOptions();
        _producer = new ProducerBuilder<TKey, TValue>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            MessageTimeoutMs = (int)retry.MessageTimeout.TotalMilliseconds,
        }).Build();
        var failedDelivery = new PredicateBuilder().Handle<ProduceException<TKey, TValue>>();
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = failedDelivery,
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = failedDelivery,
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                BreakDuration = retry.BreakDuration,
            })
            .Build();
    }

    public async Task ProduceAllAsync(string topic, IEnumerable<Message<TKey, TValue>> messages, CancellationToken cancellationToken = default)
    {
        var deliveries = messages.Select(message =>
            _retry.ExecuteAsync(async ct => await _producer.ProduceAsync(topic, message, ct), cancellationToken).AsTask());
        await Task.WhenAll(deliveries);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
