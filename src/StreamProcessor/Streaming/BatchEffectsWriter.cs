using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Outcomes;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Makes a batch's effects durable in two steps. <see cref="PublishAsync"/>: hints and dead letters acknowledged
/// by the broker, on the hot path, so the cache hears about a play as soon as possible. <see cref="StoreAsync"/>:
/// predictions and outcomes in the store (or, while it is down, its local journal) by a single background
/// writer. While one write runs, the batches that arrive queue up and go in the next write together, so the
/// store sees fewer, larger writes exactly when it is the bottleneck; writes never overlap, so a play's
/// prediction always lands before its outcome. A batch's offsets may be committed once both have finished.
/// </summary>
public sealed class BatchEffectsWriter(CacheHintPublisher hints, DeadLetterPublisher deadLetters, ResilientPredictionStore store,
    StreamMetrics metrics, TimeProvider clock, ILogger<BatchEffectsWriter> log)
{
    private readonly Lock _gate = new();
    private List<PendingWrite> _pending = [];
    private bool _writing;

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
            log.DeadLettered(rejected.Event.Topic, rejected.Event.Partition, rejected.Event.Offset, rejected.Kind, rejected.Reason);
        return acknowledgedAt;
    }

    /// <summary>Queues the store write; the task completes when a write containing it is durable.</summary>
    public Task StoreAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken)
    {
        var write = new PendingWrite(predictions, outcomes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _pending.Add(write);
            if (!_writing)
            {
                _writing = true;
                _ = Task.Run(() => WritePendingAsync(cancellationToken), CancellationToken.None);
            }
        }
        return write.Done.Task;
    }

    private async Task WritePendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            List<PendingWrite> taken;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (taken, _pending) = (_pending, []);
            }
            try
            {
                var outcomes = taken.SelectMany(w => w.Outcomes).ToList();
                await store.SaveAsync(taken.SelectMany(w => w.Predictions).ToList(), outcomes, cancellationToken);
                metrics.OutcomesStored.Inc(outcomes.Count);
                metrics.JournalPending.Set(store.HasJournalledWrites ? 1 : 0);
                taken.ForEach(w => w.Done.SetResult());
            }
            catch (Exception e)
            {
                taken.ForEach(w => w.Done.SetException(e));
            }
        }
    }

    private sealed record PendingWrite(IReadOnlyCollection<PredictionRecord> Predictions, IReadOnlyCollection<PlayOutcome> Outcomes, TaskCompletionSource Done);
}
