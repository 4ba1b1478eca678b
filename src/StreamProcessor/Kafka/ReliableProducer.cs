using Confluent.Kafka;
using Polly;
using Polly.Retry;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>How a failed delivery is tried again.</summary>
public sealed class ProducerRetryOptions
{
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long librdkafka itself keeps retrying one message before reporting it failed.</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>A message and the topic it goes to.</summary>
public sealed record Outgoing(string Topic, Message<byte[]?, byte[]?> Message);

/// <summary>
/// The process's one producer: acks from all in-sync replicas, idempotent (librdkafka's own retries never write
/// a message twice), one set of connections and batches for every topic. A message that still fails is sent
/// again (Polly, exponential backoff with jitter) until the broker acknowledges it or the caller gives up, and
/// only that message: what was acknowledged is never sent twice by a retry.
/// </summary>
public sealed class ReliableProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ResiliencePipeline _untilAcknowledged;

    public ReliableProducer(string bootstrapServers, ProducerRetryOptions? retry = null, Action<Exception, TimeSpan>? onRetry = null)
    {
        retry ??= new ProducerRetryOptions();
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            MessageTimeoutMs = (int)retry.MessageTimeout.TotalMilliseconds,
        }).Build();
        _untilAcknowledged = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ProduceException<byte[]?, byte[]?>>(),
                MaxRetryAttempts = int.MaxValue,
                Delay = retry.FirstRetryDelay,
                MaxDelay = retry.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception!, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Completes when the broker has acknowledged every message; throws only when cancelled.</summary>
    public Task ProduceAllAsync(IEnumerable<Outgoing> messages, CancellationToken cancellationToken = default) =>
        Task.WhenAll(messages.Select(m => ProduceAsync(m, cancellationToken)));

    public Task ProduceAsync(Outgoing outgoing, CancellationToken cancellationToken = default) =>
        _untilAcknowledged.ExecuteAsync(async ct => await _producer.ProduceAsync(outgoing.Topic, outgoing.Message, ct), cancellationToken).AsTask();

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
