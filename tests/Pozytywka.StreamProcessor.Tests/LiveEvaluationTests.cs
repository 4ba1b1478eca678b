using Pozytywka.Contracts;
using Pozytywka.Listening.Evaluation;
using Pozytywka.StreamProcessor.Evaluation;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The running sums give the Trainer's figures, without keeping the plays.</summary>
public class LiveEvaluationTests
{
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Running_sums_reproduce_the_trainers_metrics_on_the_same_plays()
    {
        var random = new Random(9);
        var plays = Enumerable.Range(0, 5_000).Select(_ =>
        {
            var p = random.NextDouble();
            return (Probability: p, Skipped: random.NextDouble() < 0.2 + 0.6 * p);
        }).ToList();
        var quality = new RunningQuality();
        foreach (var (probability, skipped) in plays)
        {
            quality.AddPrediction(probability, probability >= 0.5);
            quality.AddOutcome(probability, probability >= 0.5, skipped);
        }

        var live = quality.Read("m", "v", "A");
        var offline = ClassificationMetrics.Compute(plays.Select(p => p.Probability).ToList(), plays.Select(p => p.Skipped).ToList(), 0.5);
        Assert.Equal(offline.Accuracy, live.Accuracy!.Value, 12);
        Assert.Equal(offline.LogLoss, live.LogLoss!.Value, 12);
        Assert.Equal(offline.Brier, live.Brier!.Value, 12);
        Assert.True(Math.Abs(offline.Auc - live.Auc!.Value) < 1.0 / RunningQuality.AucBins, $"AUC {live.Auc} vs exact {offline.Auc}");
        var bins = ClassificationMetrics.ReliabilityBins(plays.Select(p => p.Probability).ToList(), plays.Select(p => p.Skipped).ToList());
        Assert.Equal(bins.Select(b => b.Count), live.Calibration.Select(b => b.Plays));
        Assert.Equal(bins.Select(b => b.ObservedRate), live.Calibration.Select(b => b.ObservedSkipRate), new Tolerance(1e-12));
        Assert.Equal(bins.Select(b => b.MeanPredicted), live.Calibration.Select(b => b.MeanPredicted), new Tolerance(1e-12));
    }

    [Fact]
    public void An_outcome_closes_its_own_prediction_in_its_own_variant_and_nothing_else()
    {
        var live = new LiveEvaluation(TimeProvider.System);
        live.Observe([Prediction("p1", "A", 0.8), Prediction("p2", "B", 0.3), Prediction("p3", "A", 0.6)], []);
        live.Observe([], [Outcome("p1", skipped: true), Outcome("never-predicted", skipped: false)]);
        live.Observe([], [Outcome("p2", skipped: true), Outcome("p1", skipped: false)]);

        var report = live.Report().Variants.ToDictionary(v => v.Variant);
        Assert.Equal((2, 1, 1.0), (report["A"].PlaysScored, report["A"].OutcomesKnown, report["A"].Accuracy!.Value));
        Assert.Equal((1, 1, 0.0), (report["B"].PlaysScored, report["B"].OutcomesKnown, report["B"].Accuracy!.Value));
        Assert.Equal(0.7, report["A"].MeanSkipProbability!.Value, 12);
        Assert.Empty(live.Report(model: "other").Variants);
    }

    private static PredictionRecord Prediction(string id, string variant, double probability) => new(id, PredictionSource.Stream, "advanced", "v1",
        variant, probability, probability >= 0.5, new PredictionInputs("t", 1, 2, 1, 0, false, false, false, []), T0, T0, null);

    private static PlayOutcome Outcome(string id, bool skipped) => new(id, 2, 1, "t", skipped, false, 10, T0, T0.AddSeconds(10), PlayClosedBy.Skip);

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
