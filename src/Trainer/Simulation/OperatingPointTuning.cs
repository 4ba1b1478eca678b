using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// Chooses a bundle's <see cref="HintOperatingPoints"/>: on plays scored by networks that had not learned from them,
/// ranked by expected heard share as the hints rank them, the highest threshold that keeps each share of the useful bytes;
/// and on the same plays the prefetch plan <c>simulate-cache</c>'s buffer-depth framing would choose under its default network.
/// </summary>
public static class OperatingPointTuning
{
    public const string OutOfFoldTrainingPlays = "out-of-fold plays of the training period";

    public static HintOperatingPoints Tune(IReadOnlyList<CachePlay> outOfFoldPlays, SkipTimeCurve skipTimes) =>
        Thresholds(outOfFoldPlays) with
        {
            Plan = BufferDepthSimulation.ChoosePlan(outOfFoldPlays, skipTimes, CacheSimulationSettings.Default.Network, CacheSimulationSettings.Default.Player),
        };

    /// <summary>The thresholds alone, without the plan.</summary>
    public static HintOperatingPoints Thresholds(IReadOnlyList<CachePlay> outOfFoldPlays)
    {
        if (outOfFoldPlays.Count == 0)
            throw new InvalidDataException("no out-of-fold plays of tracks with a known duration to choose the hints' operating points on");
        var curve = WholeTrackPrefetch.Curve(outOfFoldPlays, PrefetchRanking.ExpectedHeardShare);
        return new HintOperatingPoints(OutOfFoldTrainingPlays, outOfFoldPlays.Count,
            HintOperatingPoints.Shares().Select(share => new OperatingPoint(share, WholeTrackPrefetch.ThresholdKeeping(curve, share))).ToList());
    }
}
