using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Outcomes;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// The same figures as <see cref="LiveEvaluation"/> for a time window or a model version, read from the store
/// (so they cover every host and every restart); one pass over the matching records.
/// </summary>
public sealed class OnlineEvaluator(IPredictionStore store, TimeProvider clock)
{
    public async Task<OnlineMetricsReport> EvaluateAsync(PredictionQuery query, CancellationToken cancellationToken = default)
    {
        var qualities = new Dictionary<(string Model, string Version, string Variant), RunningQuality>();
        await foreach (var record in store.ReadAsync(query, cancellationToken))
        {
            var key = (record.Model, record.ModelVersion, record.Variant);
            if (!qualities.TryGetValue(key, out var quality))
                qualities[key] = quality = new RunningQuality();
            quality.AddPrediction(record.SkipProbability, record.PredictedSkip);
            if (record.Outcome is { } outcome)
                quality.AddOutcome(record.SkipProbability, record.PredictedSkip, outcome.Skipped);
        }
        return new OnlineMetricsReport(clock.GetUtcNow().UtcDateTime,
            qualities.OrderBy(q => q.Key).Select(q => q.Value.Read(q.Key.Model, q.Key.Version, q.Key.Variant)).ToList());
    }
}
