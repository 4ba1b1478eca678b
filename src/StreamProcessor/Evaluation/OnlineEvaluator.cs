using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// The same figures as <see cref="LiveEvaluation"/> for a time window or a model version, read from the store
/// (so they cover every host and every restart); one pass over the matching records.
/// </summary>
public sealed class OnlineEvaluator(IPredictionStore store, TimeProvider clock)
{
    public async Task<OnlineMetricsReport> EvaluateAsync(PredictionQuery query, CancellationToken cancellationToken = default)
    {
        var qualities = new RunningQualities();
        await foreach (var record in store.ReadAsync(query, cancellationToken))
        {
            var quality = qualities.For(record.Model, record.ModelVersion, record.Variant);
            quality.AddPrediction(record.SkipProbability, record.PredictedSkip);
            if (record.Outcome is { } outcome)
                quality.AddOutcome(record.SkipProbability, record.PredictedSkip, outcome.Skipped);
        }
        return new OnlineMetricsReport(clock.GetUtcNow().UtcDateTime, qualities.Read());
    }
}
