using Pozytywka.Contracts;
using Pozytywka.Listening.Evaluation;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// How a set of predictions fared against the outcomes known so far, with the Trainer's metric code. Every
/// figure is null until an outcome is known (AUC also until both skips and completions are).
/// </summary>
public sealed record OutcomeQuality(int Outcomes, int Correct, double? Accuracy, double? LogLoss, double? Auc, double? SkipRate)
{
    public static OutcomeQuality Of(IEnumerable<PredictionRecord> records)
    {
        var known = records.Where(r => r.Outcome is not null).ToList();
        if (known.Count == 0)
            return new OutcomeQuality(0, 0, null, null, null, null);
        var probabilities = known.Select(r => r.SkipProbability).ToList();
        var skipped = known.Select(r => r.Outcome!.Skipped).ToList();
        var correct = known.Count(r => r.PredictedSkip == r.Outcome!.Skipped);
        var auc = ClassificationMetrics.RocAuc(probabilities, skipped);
        return new OutcomeQuality(known.Count, correct, (double)correct / known.Count, ClassificationMetrics.MeanLogLoss(probabilities, skipped),
            double.IsNaN(auc) ? null : auc, skipped.Average(s => s ? 1.0 : 0.0));
    }
}
