using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Diagnostics;
using Pozytywka.StreamProcessor.Concurrency;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Sends everything a batch produced to Kafka, the log of record: hints to <c>cache-hints</c>, predictions and
/// outcomes to <c>skip-predictions</c> (the outcome sink takes them to the store from there), rejected events to
/// the dead-letter topic. Batches are serialized and handed to the producer on a thread of their own, in the order
/// they were published, so the consumer thread only consumes and scores. A batch's task completes when the broker
/// has acknowledged all of its messages; its offsets may be committed after that, and not before.
/// </summary>
public sealed class EffectsPublisher : IAsyncDisposable
{
    private readonly ReliableProducer _producer;
    private readonly KafkaOptions _topics;
    private readonly StreamMetrics _metrics;
    private readonly ILogger<EffectsPublisher> _log;
    private readonly Handoff<Pending> _queue;

    public EffectsPublisher(ReliableProducer producer, IOptions<KafkaOptions> kafka, StreamMetrics metrics, ILogger<EffectsPublisher> log)
    {
        (_producer, _topics, _metrics, _log) = (producer, kafka.Value, metrics, log);
        _queue = new Handoff<Pending>(SendInOrderAsync);
    }

    /// <returns>A task that completes, with the time, when the broker has acknowledged the batch's effects.</returns>
    public Task<DateTime> PublishAsync(BatchEffects effects, CancellationToken cancellationToken)
    {
        var pending = new Pending(effects, new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        _queue.Add(pending);
        return pending.Acknowledged.Task;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task SendInOrderAsync(ChannelReader<Pending> queue)
    {
        await foreach (var pending in queue.ReadAllAsync())
        {
            // Produce() enqueues synchronously, so batches reach the producer in order; the acknowledgement is awaited apart.
            var acknowledged = _producer.ProduceAllAsync(Messages(pending.Effects), pending.Cancellation);
            // Never faults: whatever becomes of the batch reaches its publisher through pending.Acknowledged.
            _ = CompleteWhenAcknowledgedAsync(acknowledged, pending);
        }
    }

    private async Task CompleteWhenAcknowledgedAsync(Task<IReadOnlyList<Undeliverable>> acknowledged, Pending pending)
    {
        try
        {
            await DeadLetterAsync(await acknowledged, pending.Cancellation);
            Report(pending.Effects);
            pending.Acknowledged.SetResult(DateTime.UtcNow);
        }
        catch (Exception e)
        {
            pending.Acknowledged.TrySetException(e);
        }
    }

    private void Report(BatchEffects effects)
    {
        foreach (var hint in effects.Hints)
        {
            _metrics.Hints.WithLabels(hint.Decision.ToString(), hint.Variant).Inc();
            _log.HintPublished(hint.PlayId, hint.SessionId, hint.Decision, hint.TrackId, hint.CompletionProbability, hint.ModelLabel, hint.Variant);
        }
        foreach (var outcome in effects.Outcomes)
            _log.OutcomeKnown(outcome.PlayId, outcome.SessionId, outcome.Skipped, outcome.SecondsPlayed, outcome.ClosedBy);
        _metrics.Outcomes.Inc(effects.Outcomes.Count);
        foreach (var rejected in effects.Rejected)
            _log.DeadLettered(rejected.Event.Topic, rejected.Event.Partition, rejected.Event.Offset, rejected.SessionId, rejected.Kind, rejected.Reason);
    }

    /// <summary>
    /// What the broker refused for good goes to the dead-letter topic, bounded, so it never holds up the batch; what
    /// even that topic refuses is counted and logged, and the batch completes all the same.
    /// </summary>
    private async Task DeadLetterAsync(IReadOnlyList<Undeliverable> undeliverable, CancellationToken cancellationToken)
    {
        if (undeliverable.Count == 0)
            return;
        foreach (var refused in undeliverable)
            _log.Undeliverable(refused.Message.Topic, refused.Error.Reason);
        var lost = await _producer.ProduceAllAsync(undeliverable.Select(u => new Outgoing(_topics.DeadLetterTopic, DeadLetters.Create(u))), cancellationToken);
        _metrics.Undeliverable.Inc(lost.Count);
        foreach (var refused in lost)
            _log.DeadLetterRefused(refused.Error.Reason);
    }

    private List<Outgoing> Messages(BatchEffects effects)
    {
        var messages = new List<Outgoing>(effects.Hints.Count + effects.Predictions.Count + effects.Outcomes.Count + effects.Rejected.Count);
        messages.AddRange(effects.Hints.Select(h => new Outgoing(_topics.CacheHintsTopic, CacheHintMessages.Create(h))));
        messages.AddRange(effects.Predictions.Select(p => new Outgoing(_topics.PredictionsTopic, PredictionLogMessages.Create(PredictionLogEntry.Of(p)))));
        messages.AddRange(effects.Outcomes.Select(o => new Outgoing(_topics.PredictionsTopic, PredictionLogMessages.Create(PredictionLogEntry.Of(o)))));
        messages.AddRange(effects.Rejected.Select(r => new Outgoing(_topics.DeadLetterTopic, DeadLetters.Create(r))));
        return messages;
    }

    private sealed record Pending(BatchEffects Effects, TaskCompletionSource<DateTime> Acknowledged, CancellationToken Cancellation);
}
