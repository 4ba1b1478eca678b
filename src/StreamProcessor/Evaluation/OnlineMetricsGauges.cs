using Pozytywka.StreamProcessor.Outcomes;
using Pozytywka.StreamProcessor.Streaming;
using Prometheus;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// Publishes the online evaluation as Prometheus gauges, recomputed from the store when /metrics is scraped,
/// at most once per <see cref="RefreshEvery"/>: the evaluation reads every prediction, and a store busy with
/// that read delays the processor's writes.
/// </summary>
public sealed class OnlineMetricsGauges
{
    private static readonly string[] Labels = ["model", "version", "variant"];
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    private long _nextRefresh;

    public OnlineMetricsGauges(StreamMetrics metrics, OnlineEvaluator evaluator)
    {
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        var scored = factory.CreateGauge("pozytywka_online_plays_scored", "Plays scored", Labels);
        var known = factory.CreateGauge("pozytywka_online_outcomes_known", "Scored plays whose outcome is known", Labels);
        var accuracy = factory.CreateGauge("pozytywka_online_accuracy", "Share of known outcomes predicted right", Labels);
        var logLoss = factory.CreateGauge("pozytywka_online_log_loss", "Mean log loss over known outcomes", Labels);
        var auc = factory.CreateGauge("pozytywka_online_auc", "ROC AUC over known outcomes", Labels);
        var predictedSkipRate = factory.CreateGauge("pozytywka_online_predicted_skip_rate", "Share of scored plays predicted to be skipped", Labels);
        var actualSkipRate = factory.CreateGauge("pozytywka_online_actual_skip_rate", "Share of known outcomes that were skips", Labels);
        metrics.Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (now < Interlocked.Read(ref _nextRefresh))
                return;
            Interlocked.Exchange(ref _nextRefresh, now + (long)(RefreshEvery.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
            var report = await evaluator.EvaluateAsync(new PredictionQuery(), cancellationToken);
            foreach (var v in report.Variants)
            {
                string[] labels = [v.Model, v.Version, v.Variant];
                scored.WithLabels(labels).Set(v.PlaysScored);
                known.WithLabels(labels).Set(v.OutcomesKnown);
                accuracy.WithLabels(labels).Set(v.Accuracy ?? double.NaN);
                logLoss.WithLabels(labels).Set(v.LogLoss ?? double.NaN);
                auc.WithLabels(labels).Set(v.Auc ?? double.NaN);
                predictedSkipRate.WithLabels(labels).Set(v.PredictedSkipRate ?? double.NaN);
                actualSkipRate.WithLabels(labels).Set(v.ActualSkipRate ?? double.NaN);
            }
        });
    }
}
