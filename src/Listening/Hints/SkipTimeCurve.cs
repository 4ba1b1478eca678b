using System.Text.Json.Serialization;

namespace Pozytywka.Listening.Hints;

/// <summary>
/// When skipped plays are skipped: the share of skips that happened by each fraction of the track heard
/// (<c>SkippedByFraction[k]</c> at fraction k / (n − 1), rising from 0 to 1), learned by the Trainer from the SKIP
/// times of its training plays. With the model's skip probability p at PLAY, the chance that a listener who has
/// heard fraction h is still listening at fraction x is (1 − p·F(x)) / (1 − p·F(h)): a mixture of "will
/// complete" and "will skip at a time drawn from F", the skip-time model the prefetch plan is chosen from.
/// </summary>
public sealed record SkipTimeCurve(IReadOnlyList<double> SkippedByFraction)
{
    public const string BundleFile = "skip_times.json";
    public const int DefaultBins = 50;

    /// <summary>The empirical curve of the fractions heard at the SKIP (clamped to [0, 1]); uniform when there are none.</summary>
    public static SkipTimeCurve Learn(IEnumerable<double> fractionsHeardAtSkip, int bins = DefaultBins)
    {
        var counts = new double[bins];
        var total = 0;
        foreach (var fraction in fractionsHeardAtSkip.Where(double.IsFinite))
        {
            counts[Math.Min(bins - 1, (int)(Math.Clamp(fraction, 0, 1) * bins))]++;
            total++;
        }
        var cumulative = new double[bins + 1];
        for (var k = 1; k <= bins; k++)
            cumulative[k] = total == 0 ? (double)k / bins : Math.Min(1, cumulative[k - 1] + counts[k - 1] / total); // sums may round past 1
        cumulative[bins] = 1;
        return new SkipTimeCurve(cumulative);
    }

    /// <summary>F(x): the share of skips that happen by fraction <paramref name="fraction"/> of the track, interpolated linearly.</summary>
    public double SkippedBy(double fraction)
    {
        var position = Math.Clamp(fraction, 0, 1) * (SkippedByFraction.Count - 1);
        var low = (int)Math.Floor(position);
        if (low >= SkippedByFraction.Count - 1)
            return 1;
        return SkippedByFraction[low] + (position - low) * (SkippedByFraction[low + 1] - SkippedByFraction[low]);
    }

    /// <summary>
    /// The mean share of a track heard at a skip: the integral of 1 − F over the track. Every hint asks for it, so it
    /// is worked out once, when the curve is made (NaN for a curve <see cref="Validate"/> would refuse).
    /// </summary>
    [JsonIgnore]
    public double MeanFractionHeard { get; } = MeanOf(SkippedByFraction);

    private static double MeanOf(IReadOnlyList<double>? skippedByFraction)
    {
        if (skippedByFraction is not { Count: >= 2 })
            return double.NaN;
        var segments = skippedByFraction.Count - 1;
        var mean = 0.0;
        for (var k = 0; k < segments; k++)
            mean += 1 - (skippedByFraction[k] + skippedByFraction[k + 1]) / 2;
        return mean / segments;
    }

    /// <summary>The largest fraction x with F(x) ≤ <paramref name="share"/> (1 when the share reaches 1).</summary>
    public double FractionWhereSkipped(double share)
    {
        if (share >= 1)
            return 1;
        var last = SkippedByFraction.Count - 1;
        // The last bin whose start is at or below the share (F never falls, so a binary search finds it; every plan asks 20 times).
        int lowest = 1, highest = last;
        while (lowest < highest)
        {
            var middle = (lowest + highest + 1) / 2;
            if (SkippedByFraction[middle - 1] <= share)
                lowest = middle;
            else
                highest = middle - 1;
        }
        var k = lowest;
        var (low, high) = (SkippedByFraction[k - 1], SkippedByFraction[k]);
        if (low > share)
            return 0;
        // F rises from low to high across bin k − 1; a flat bin (high == low ≤ share) is crossed whole.
        var within = high <= share ? 1 : (share - low) / (high - low);
        return (k - 1 + within) / last;
    }

    /// <summary>The chance that a listener who has heard <paramref name="heardFraction"/> still listens at <paramref name="laterFraction"/>.</summary>
    public double StillListening(double skipProbability, double heardFraction, double laterFraction) =>
        (1 - skipProbability * SkippedBy(laterFraction)) / (1 - skipProbability * SkippedBy(heardFraction));

    /// <summary>Throws with what is wrong when the curve read from a bundle cannot be a cumulative share.</summary>
    public void Validate()
    {
        if (SkippedByFraction is not { Count: >= 2 } || SkippedByFraction[0] != 0 || SkippedByFraction[^1] != 1)
            throw new InvalidDataException($"{BundleFile}: skipped_by_fraction must run from 0 to 1 over at least two points");
        for (var k = 1; k < SkippedByFraction.Count; k++)
        {
            if (!(SkippedByFraction[k] >= SkippedByFraction[k - 1]))
                throw new InvalidDataException($"{BundleFile}: skipped_by_fraction falls at point {k}");
        }
    }
}
