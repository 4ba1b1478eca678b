using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Outcomes;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Makes one batch's effects durable: hints and dead letters acknowledged by the broker, predictions and
/// outcomes in the store or, while it is down, its local journal. Only after this returns may the batch's
/// offsets be committed. The store write runs alongside publishing so it does not add to hint latency.
/// </summary>
public sealed class BatchEffectsWriter(CacheHintPublisher hints, DeadLetterPublisher deadLetters, ResilientPredictionStore store,
    StreamMetrics metrics, TimeProvider clock, ILogger<BatchEffectsWriter> log)
{
    /// <returns>When the broker had acknowledged the batch's hints.</returns>
    public async Task<DateTimeOffset> WriteAsync(BatchEffects effects, CancellationToken cancellationToken)
    {
        var storing = Task.Run(async () =>
        {
            await store.SavePredictionsAsync(effects.Predictions, cancellationToken);
            await store.SaveOutcomesAsync(effects.Outcomes, cancellationToken);
        }, CancellationToken.None);
        await Task.WhenAll(hints.PublishAsync(effects.Hints, cancellationToken), deadLetters.PublishAsync(effects.Rejected, cancellationToken));
        var acknowledgedAt = clock.GetUtcNow();
        await storing;

        foreach (var hint in effects.Hints)
        {
            metrics.Hints.WithLabels(hint.Decision.ToString(), hint.Variant).Inc();
            log.HintPublished(hint.PlayId, hint.SessionId, hint.Decision, hint.TrackId, hint.CompletionProbability, hint.Model, hint.Variant);
        }
        foreach (var rejected in effects.Rejected)
        {
            log.DeadLettered(rejected.Event.Topic, rejected.Event.Partition, rejected.Event.Offset, rejected.Kind, rejected.Reason);
        }
        metrics.OutcomesStored.Inc(effects.Outcomes.Count);
        metrics.JournalPending.Set(store.HasJournalledWrites ? 1 : 0);
        return acknowledgedAt;
    }

    public async Task WriteOutcomesAsync(IReadOnlyList<Contracts.PlayOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
            return;
        await store.SaveOutcomesAsync(outcomes, cancellationToken);
        metrics.OutcomesStored.Inc(outcomes.Count);
        metrics.JournalPending.Set(store.HasJournalledWrites ? 1 : 0);
    }
}
