using Confluent.Kafka;
using Polly;
using Pozytywka.StreamProcessor.Resilience;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>How a failed delivery is tried again.</summary>
public sealed class ProducerRetryOptions
{
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long librdkafka itself keeps retrying one message before reporting it failed.</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a message may wait for others to share its produce request (librdkafka's linger.ms).</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(1);
}

/// <summary>
/// A message and the topic it goes to; to <paramref name="Partition"/> when set, else to its key's partition. Once
/// <paramref name="GivenUp"/> is cancelled it is not sent again (a try already with the broker still ends within the
/// message timeout).
/// </summary>
public sealed record Outgoing(string Topic, Message<byte[]?, byte[]?> Message, int? Partition = null, CancellationToken GivenUp = default);

/// <summary>
/// The process's one producer: acks from all in-sync replicas, idempotent (librdkafka's own retries never write
/// a message twice), one set of connections and batches for every topic. A set of messages is sent with
/// delivery callbacks (no task per message); the ones that still fail are sent again (Polly, exponential backoff
/// with jitter) until the broker acknowledges them or the caller gives up — only those: what was acknowledged is
/// never sent twice by a retry.
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
            LingerMs = retry.Linger.TotalMilliseconds,
            SocketNagleDisable = true,
            MessageTimeoutMs = (int)retry.MessageTimeout.TotalMilliseconds,
        }).Build();
        _untilAcknowledged = new ResiliencePipelineBuilder()
            .AddRetry(RetryForever.Options(new PredicateBuilder().Handle<DeliveryFailedException>(), retry.FirstRetryDelay, retry.MaxRetryDelay,
                (e, delay) => onRetry?.Invoke(e, delay)))
            .Build();
    }

    /// <summary>
    /// Completes when the broker has acknowledged every message that can be delivered and was not given up, and returns
    /// those that never can (<see cref="PermanentErrors"/>: too large, topic invalid or not authorised); throws only when cancelled.
    /// </summary>
    public async Task<IReadOnlyList<Undeliverable>> ProduceAllAsync(IEnumerable<Outgoing> messages, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Outgoing> unacknowledged = messages as IReadOnlyList<Outgoing> ?? messages.ToList();
        var undeliverable = new List<Undeliverable>();
        if (unacknowledged.Count == 0)
            return undeliverable;
        await _untilAcknowledged.ExecuteAsync(async ct =>
        {
            var round = new DeliveryRound(unacknowledged);
            foreach (var outgoing in unacknowledged)
            {
                try
                {
                    if (outgoing.Partition is { } partition)
                        _producer.Produce(new TopicPartition(outgoing.Topic, partition), outgoing.Message, report => round.Report(outgoing, report.Error));
                    else
                        _producer.Produce(outgoing.Topic, outgoing.Message, report => round.Report(outgoing, report.Error));
                }
                catch (ProduceException<byte[]?, byte[]?> e)
                {
                    round.Report(outgoing, e.Error);
                }
            }
            var failed = (await round.Completion.WaitAsync(ct)).Where(f => !f.Message.GivenUp.IsCancellationRequested)
                .ToLookup(f => PermanentErrors.Contains(f.Error.Code));
            undeliverable.AddRange(failed[true]);
            unacknowledged = failed[false].Select(f => f.Message).ToList();
            if (unacknowledged.Count > 0)
                throw new DeliveryFailedException(unacknowledged.Count, failed[false].First().Error);
        }, cancellationToken);
        return undeliverable;
    }

    /// <summary>Errors that sending the same message again cannot cure.</summary>
    public static IReadOnlySet<ErrorCode> PermanentErrors { get; } = new HashSet<ErrorCode>
    {
        ErrorCode.MsgSizeTooLarge, ErrorCode.RecordListTooLarge, ErrorCode.InvalidMsg, ErrorCode.InvalidRecord,
        ErrorCode.TopicException, ErrorCode.TopicAuthorizationFailed, ErrorCode.ClusterAuthorizationFailed,
        ErrorCode.PolicyViolation, ErrorCode.Local_InvalidArg,
    };

    public async Task ProduceAsync(Outgoing outgoing, CancellationToken cancellationToken = default)
    {
        if ((await ProduceAllAsync([outgoing], cancellationToken)) is [var undeliverable])
            throw new KafkaException(undeliverable.Error);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    /// <summary>One try of a set of messages: completes with those that failed, and why, once every delivery report is in.</summary>
    private sealed class DeliveryRound(IReadOnlyList<Outgoing> messages)
    {
        private readonly TaskCompletionSource<IReadOnlyList<Undeliverable>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<Undeliverable> _failed = [];
        private int _pending = messages.Count;

        public Task<IReadOnlyList<Undeliverable>> Completion => _done.Task;

        public void Report(Outgoing outgoing, Error error)
        {
            if (error.IsError)
            {
                lock (_failed)
                    _failed.Add(new Undeliverable(outgoing, error));
            }
            if (Interlocked.Decrement(ref _pending) == 0)
                _done.SetResult(_failed);
        }
    }
}

/// <summary>A message the broker refused for good, and why.</summary>
public sealed record Undeliverable(Outgoing Message, Error Error);

/// <summary>Some messages of a set were not acknowledged; they are sent again.</summary>
public sealed class DeliveryFailedException(int failed, Error error) : Exception($"{failed} message(s) not acknowledged: {error.Reason} ({error.Code})");
