namespace Pozytywka.Listening.Evaluation;

/// <summary>How well skip probabilities match real outcomes; "positive" is skipped.</summary>
public record ClassificationMetrics(
    int Plays,
    double Accuracy,
    double MajorityAccuracy,
    double Auc,
    double LogLoss,
    double Brier,
    double Ece,
    ConfusionMatrix Confusion,
    double Threshold)
{
    private const int CalibrationBins = 10;

    public static ClassificationMetrics Compute(IReadOnlyList<double> skipProbability, IReadOnlyList<bool> skipped, double threshold)
    {
        var n = skipped.Count;
        if (n == 0)
            throw new ArgumentException("no plays to evaluate", nameof(skipped));
        int tp = 0, fp = 0, tn = 0, fn = 0;
        double brier = 0;
        for (var i = 0; i < n; i++)
        {
            var y = skipped[i] ? 1.0 : 0.0;
            var predicted = skipProbability[i] >= threshold;
            if (predicted && skipped[i]) tp++;
            else if (predicted) fp++;
            else if (skipped[i]) fn++;
            else tn++;
            brier += (skipProbability[i] - y) * (skipProbability[i] - y);
        }
        var skips = skipped.Count(s => s);
        return new ClassificationMetrics(n, (double)(tp + tn) / n, (double)Math.Max(skips, n - skips) / n,
            RocAuc(skipProbability, skipped), MeanLogLoss(skipProbability, skipped), brier / n, ExpectedCalibrationError(skipProbability, skipped),
            new ConfusionMatrix(tp, fp, tn, fn), threshold);
    }

    /// <summary>Cross-entropy of the skip probabilities, averaged over plays; probabilities are clamped away from 0 and 1.</summary>
    public static double MeanLogLoss(IReadOnlyList<double> skipProbability, IReadOnlyList<bool> skipped)
    {
        double sum = 0;
        for (var i = 0; i < skipped.Count; i++)
            sum += PlayLogLoss(skipProbability[i], skipped[i]);
        return skipped.Count == 0 ? double.NaN : sum / skipped.Count;
    }

    /// <summary>One play's cross-entropy, with the probability clamped away from 0 and 1.</summary>
    public static double PlayLogLoss(double skipProbability, bool skipped)
    {
        var p = Math.Clamp(skipProbability, 1e-7, 1 - 1e-7);
        return skipped ? -Math.Log(p) : -Math.Log(1 - p);
    }

    /// <summary>ROC AUC by the rank-sum (Mann–Whitney) statistic, ties counted half.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var ranks = Ranking.Ranks(scores).Select(r => r + 1).ToArray();
        double positives = positive.Count(p => p), negatives = positive.Count - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        var rankSum = Enumerable.Range(0, scores.Count).Where(i => positive[i]).Sum(i => ranks[i]);
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Expected calibration error over ten equal-width probability bins.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> probabilities, IReadOnlyList<bool> skipped) =>
        ReliabilityBins(probabilities, skipped).Sum(b => (double)b.Count / probabilities.Count * Math.Abs(b.MeanPredicted - b.ObservedRate));

    public static IReadOnlyList<ReliabilityBin> ReliabilityBins(IReadOnlyList<double> probabilities, IReadOnlyList<bool> skipped) =>
        Enumerable.Range(0, probabilities.Count)
            .GroupBy(i => Math.Min((int)(probabilities[i] * CalibrationBins), CalibrationBins - 1))
            .OrderBy(g => g.Key)
            .Select(g => new ReliabilityBin(g.Count(), g.Average(i => probabilities[i]), g.Average(i => skipped[i] ? 1.0 : 0.0)))
            .ToList();
}

public sealed record ConfusionMatrix(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives);

public sealed record ReliabilityBin(int Count, double MeanPredicted, double ObservedRate);
