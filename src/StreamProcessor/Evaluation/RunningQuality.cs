using Pozytywka.Listening.Evaluation;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// One model version's live figures in one variant, kept as running sums so that an update and a read are
/// O(1): plays scored, then for plays whose outcome is known accuracy, log loss, Brier score, ten calibration
/// bins, and ROC AUC from score histograms per class (1,000 bins; within a bin's width of the exact rank AUC); and for
/// hinted plays, what the hints were worth in bytes (<see cref="HintBytes"/>).
/// </summary>
public sealed class RunningQuality
{
    public const int AucBins = 1_000;
    private const int CalibrationBins = 10;

    private readonly long[] _skipScores = new long[AucBins];
    private readonly long[] _completionScores = new long[AucBins];
    private readonly long[] _binCounts = new long[CalibrationBins];
    private readonly double[] _binProbabilities = new double[CalibrationBins];
    private readonly long[] _binSkips = new long[CalibrationBins];
    private long _scored, _predictedSkips, _known, _correct, _skips;
    private long _prefetchedHeard, _prefetchedWasted, _missedHeard, _hintedOutcomes;
    private double _sumProbability, _sumLogLoss, _sumBrier;

    public void AddPrediction(double skipProbability, bool predictedSkip)
    {
        _scored++;
        _predictedSkips += predictedSkip ? 1 : 0;
        _sumProbability += skipProbability;
    }

    public void AddOutcome(double skipProbability, bool predictedSkip, bool skipped)
    {
        _known++;
        _correct += predictedSkip == skipped ? 1 : 0;
        _skips += skipped ? 1 : 0;
        _sumLogLoss += ClassificationMetrics.PlayLogLoss(skipProbability, skipped);
        _sumBrier += (skipProbability - (skipped ? 1 : 0)) * (skipProbability - (skipped ? 1 : 0));
        var bin = Math.Min((int)(skipProbability * CalibrationBins), CalibrationBins - 1);
        _binCounts[bin]++;
        _binProbabilities[bin] += skipProbability;
        _binSkips[bin] += skipped ? 1 : 0;
        (skipped ? _skipScores : _completionScores)[Math.Clamp((int)(skipProbability * AucBins), 0, AucBins - 1)]++;
    }

    /// <summary>A hinted play's outcome in bytes: a prefetched track's heard part was useful and the rest wasted; an unprefetched one's heard part was missed.</summary>
    public void AddHintedOutcome(bool prefetched, long trackBytes, long heardBytes)
    {
        _hintedOutcomes++;
        if (prefetched)
            (_prefetchedHeard, _prefetchedWasted) = (_prefetchedHeard + heardBytes, _prefetchedWasted + trackBytes - heardBytes);
        else
            _missedHeard += heardBytes;
    }

    public VariantOnlineMetrics Read(string model, string version, string variant)
    {
        double? Share(double part, long whole) => whole == 0 ? null : part / whole;
        return new VariantOnlineMetrics(model, version, variant, (int)_scored, (int)_known, Share(_correct, _known), Share(_sumLogLoss, _known),
            Auc(), Share(_predictedSkips, _scored), Share(_sumProbability, _scored), Share(_skips, _known))
        {
            Brier = Share(_sumBrier, _known),
            HintBytes = _hintedOutcomes == 0 ? null : new HintBytes(_prefetchedHeard, _prefetchedWasted, _missedHeard),
            Calibration = Enumerable.Range(0, CalibrationBins).Where(b => _binCounts[b] > 0)
                .Select(b => new CalibrationBin((double)b / CalibrationBins, (int)_binCounts[b], _binProbabilities[b] / _binCounts[b], (double)_binSkips[b] / _binCounts[b]))
                .ToList(),
        };
    }

    /// <summary>P(a skip's score exceeds a completion's), ties within a bin counted half.</summary>
    private double? Auc()
    {
        long skips = _skipScores.Sum(), completions = _completionScores.Sum();
        if (skips == 0 || completions == 0)
            return null;
        double wins = 0;
        long completionsBelow = 0;
        for (var bin = 0; bin < AucBins; bin++)
        {
            wins += _skipScores[bin] * (completionsBelow + 0.5 * _completionScores[bin]);
            completionsBelow += _completionScores[bin];
        }
        return wins / ((double)skips * completions);
    }
}
