using Pozytywka.StreamProcessor.Models;
using Prometheus;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// Publishes the live online evaluation, and each loaded version's offline (Trainer) figures beside it, as
/// Prometheus gauges (and the hints' bytes as counters) set when /metrics is scraped: a read of in-memory sums, never of the store.
/// </summary>
public sealed class OnlineMetricsGauges
{
    private static readonly string[] Labels = ["model", "version", "variant"];
    private static readonly string[] BinLabels = ["model", "version", "variant", "bin"];
    private static readonly string[] VersionLabels = ["model", "version"];

    public OnlineMetricsGauges(StreamMetrics metrics, LiveEvaluation live, ModelRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        var scored = factory.CreateGauge("pozytywka_online_plays_scored", "Plays scored since the process started", Labels);
        var known = factory.CreateGauge("pozytywka_online_outcomes_known", "Scored plays whose outcome is known", Labels);
        var accuracy = factory.CreateGauge("pozytywka_online_accuracy", "Share of known outcomes predicted right", Labels);
        var logLoss = factory.CreateGauge("pozytywka_online_log_loss", "Mean log loss over known outcomes", Labels);
        var brier = factory.CreateGauge("pozytywka_online_brier", "Mean Brier score over known outcomes", Labels);
        var auc = factory.CreateGauge("pozytywka_online_auc", "ROC AUC over known outcomes", Labels);
        var predictedSkipRate = factory.CreateGauge("pozytywka_online_predicted_skip_rate", "Share of scored plays predicted to be skipped", Labels);
        var actualSkipRate = factory.CreateGauge("pozytywka_online_actual_skip_rate", "Share of known outcomes that were skips", Labels);
        var binPredicted = factory.CreateGauge("pozytywka_online_calibration_predicted", "Mean predicted skip probability of known outcomes in a tenth", BinLabels);
        var binObserved = factory.CreateGauge("pozytywka_online_calibration_observed", "Observed skip rate of known outcomes in a tenth", BinLabels);
        var hintBytes = factory.CreateCounter("pozytywka_hint_bytes_total",
            "Bytes of audio of hinted plays with a known outcome: prefetched and heard, prefetched and wasted, heard without a prefetch", [.. Labels, "outcome"]);
        var offlineAccuracy = factory.CreateGauge("pozytywka_offline_accuracy", "The Trainer's temporal test accuracy of a loaded version", VersionLabels);
        var offlineAuc = factory.CreateGauge("pozytywka_offline_auc", "The Trainer's temporal test ROC AUC of a loaded version", VersionLabels);
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            foreach (var v in live.Report().Variants)
            {
                string[] labels = [v.Model, v.Version, v.Variant];
                scored.WithLabels(labels).Set(v.PlaysScored);
                known.WithLabels(labels).Set(v.OutcomesKnown);
                accuracy.WithLabels(labels).Set(v.Accuracy ?? double.NaN);
                logLoss.WithLabels(labels).Set(v.LogLoss ?? double.NaN);
                brier.WithLabels(labels).Set(v.Brier ?? double.NaN);
                auc.WithLabels(labels).Set(v.Auc ?? double.NaN);
                predictedSkipRate.WithLabels(labels).Set(v.PredictedSkipRate ?? double.NaN);
                actualSkipRate.WithLabels(labels).Set(v.ActualSkipRate ?? double.NaN);
                foreach (var (outcome, bytes) in v.HintBytes?.ByOutcome() ?? [])
                    hintBytes.WithLabels([.. labels, outcome]).IncTo(bytes);
                foreach (var bin in v.Calibration)
                {
                    string[] binLabels = [.. labels, bin.From.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)];
                    binPredicted.WithLabels(binLabels).Set(bin.MeanPredicted);
                    binObserved.WithLabels(binLabels).Set(bin.ObservedSkipRate);
                }
            }
            foreach (var model in registry.Current.ByLabel.Values.Where(m => m.Metrics is not null))
            {
                offlineAccuracy.WithLabels(model.Name, model.Version).Set(model.Metrics!.Accuracy);
                offlineAuc.WithLabels(model.Name, model.Version).Set(model.Metrics.Auc);
            }
        });
    }
}
