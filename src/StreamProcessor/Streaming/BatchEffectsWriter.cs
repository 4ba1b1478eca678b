using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Outcomes;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Makes a batch's effects durable in two steps. <see cref="PublishAsync"/>: hints and dead letters acknowledged
/// by the broker, on the hot path, so the cache hears about a play as soon as possible. <see cref="StoreAsync"/>:
/// predictions and outcomes in the store (or, while it is down, its local journal) through the shared
/// <see cref="GroupCommitWriter"/>. A batch's offsets may be committed once both have finished.
/// </summary>
public sealed class BatchEffectsWriter(CacheHintPublisher hints, DeadLetterPublisher deadLetters, GroupCommitWriter storeWriter,
    ResilientPredictionStore store, LiveEvaluation live, StreamMetrics metrics, TimeProvider clock, ILogger<BatchEffectsWriter> log)
{
    /// <returns>When the broker had acknowledged the batch's hints.</returns>
    public async Task<DateTimeOffset> PublishAsync(BatchEffects effects, CancellationToken cancellationToken)
    {
        await Task.WhenAll(hints.PublishAsync(effects.Hints, cancellationToken), deadLetters.PublishAsync(effects.Rejected, cancellationToken));
        var acknowledgedAt = clock.GetUtcNow();
        foreach (var hint in effects.Hints)
        {
            metrics.Hints.WithLabels(hint.Decision.ToString(), hint.Variant).Inc();
            log.HintPublished(hint.PlayId, hint.SessionId, hint.Decision, hint.TrackId, hint.CompletionProbability, hint.Model, hint.Variant);
        }
        foreach (var rejected in effects.Rejected)
            log.DeadLettered(rejected.Event.Topic, rejected.Event.Partition, rejected.Event.Offset, rejected.SessionId, rejected.Kind, rejected.Reason);
        return acknowledgedAt;
    }

    /// <summary>Queues the store write; the task completes when a write containing it is durable. The live evaluation sees it at once.</summary>
    public async Task StoreAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (predictions.Count == 0 && outcomes.Count == 0)
            return;
        // Observed here, on the consumer thread in batch order, so a prediction is always seen before its outcome
        // (the writes of several batches can finish together, their continuations in any order).
        live.Observe(predictions, outcomes);
        await storeWriter.WriteAsync(predictions, outcomes, cancellationToken);
        foreach (var outcome in outcomes)
            log.OutcomeKnown(outcome.PlayId, outcome.SessionId, outcome.Skipped, outcome.SecondsPlayed, outcome.ClosedBy);
        metrics.OutcomesStored.Inc(outcomes.Count);
        metrics.JournalPending.Set(store.HasJournalledWrites ? 1 : 0);
    }
}
