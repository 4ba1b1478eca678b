using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Outcomes;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// Compares predicted and actual skips per model version and variant, from the store (so it covers every
/// host and survives restarts), with the same metric code the Trainer reports offline.
/// </summary>
public sealed class OnlineEvaluator(IPredictionStore store, TimeProvider clock)
{
    public async Task<OnlineMetricsReport> EvaluateAsync(PredictionQuery query, CancellationToken cancellationToken = default)
    {
        var groups = new Dictionary<(string, string, string), List<PredictionRecord>>();
        await foreach (var record in store.ReadAsync(query, cancellationToken))
        {
            var key = (record.Model, record.ModelVersion, record.Variant);
            if (!groups.TryGetValue(key, out var list))
                groups[key] = list = [];
            list.Add(record);
        }
        var variants = groups.OrderBy(g => g.Key).Select(g => Summarise(g.Key, g.Value)).ToList();
        return new OnlineMetricsReport(clock.GetUtcNow().UtcDateTime, variants);
    }

    private static VariantOnlineMetrics Summarise((string Model, string Version, string Variant) key, List<PredictionRecord> records)
    {
        var quality = OutcomeQuality.Of(records);
        return new VariantOnlineMetrics(key.Model, key.Version, key.Variant, records.Count, quality.Outcomes, quality.Accuracy, quality.LogLoss, quality.Auc,
            records.Count == 0 ? null : records.Average(r => r.PredictedSkip ? 1.0 : 0.0),
            records.Count == 0 ? null : records.Average(r => r.SkipProbability),
            quality.SkipRate);
    }
}
