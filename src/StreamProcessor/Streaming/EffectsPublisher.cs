using Microsoft.Extensions.Options;
using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Sends everything a batch produced to Kafka, the log of record: hints to <c>cache-hints</c>, predictions and
/// outcomes to <c>skip-predictions</c> (the outcome sink takes them to the store from there), rejected events to
/// the dead-letter topic. The task completes when the broker has acknowledged all of them; the batch's offsets
/// may be committed after that, and not before.
/// </summary>
public sealed class EffectsPublisher(ReliableProducer producer, IOptions<KafkaOptions> kafka, StreamMetrics metrics, ILogger<EffectsPublisher> log)
{
    /// <returns>When the broker had acknowledged the batch's effects.</returns>
    public async Task<DateTime> PublishAsync(BatchEffects effects, CancellationToken cancellationToken)
    {
        await producer.ProduceAllAsync(Messages(effects), cancellationToken);
        var acknowledgedAt = DateTime.UtcNow;
        foreach (var hint in effects.Hints)
        {
            metrics.Hints.WithLabels(hint.Decision.ToString(), hint.Variant).Inc();
            log.HintPublished(hint.PlayId, hint.SessionId, hint.Decision, hint.TrackId, hint.CompletionProbability, hint.Model, hint.Variant);
        }
        foreach (var outcome in effects.Outcomes)
            log.OutcomeKnown(outcome.PlayId, outcome.SessionId, outcome.Skipped, outcome.SecondsPlayed, outcome.ClosedBy);
        metrics.Outcomes.Inc(effects.Outcomes.Count);
        foreach (var rejected in effects.Rejected)
            log.DeadLettered(rejected.Event.Topic, rejected.Event.Partition, rejected.Event.Offset, rejected.SessionId, rejected.Kind, rejected.Reason);
        return acknowledgedAt;
    }

    private IEnumerable<Outgoing> Messages(BatchEffects effects)
    {
        var topics = kafka.Value;
        return effects.Hints.Select(h => new Outgoing(topics.CacheHintsTopic, CacheHintMessages.Create(h)))
            .Concat(effects.Predictions.Select(p => new Outgoing(topics.PredictionsTopic, PredictionLogMessages.Create(PredictionLogEntry.Of(p)))))
            .Concat(effects.Outcomes.Select(o => new Outgoing(topics.PredictionsTopic, PredictionLogMessages.Create(PredictionLogEntry.Of(o)))))
            .Concat(effects.Rejected.Select(r => new Outgoing(topics.DeadLetterTopic, DeadLetters.Create(r))));
    }
}
