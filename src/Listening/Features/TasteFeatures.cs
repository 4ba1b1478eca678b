using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>
/// Which kinds of tracks a listener skips, learned from their own closed plays only, as features of the track
/// now starting. Per attribute: the smoothed skip rate on the <see cref="Neighbours"/> past plays nearest in that
/// attribute, on past plays at or below this track's value and on those above it. Then the listener's best
/// single-threshold split so far (<see cref="TasteSplit"/>) applied to this track: the smoothed skip rate on
/// this track's side, that rate minus the other side's, and the split's strength. Rates shrink towards the
/// listener's own skip rate, which shrinks towards one half, so a listener with no history gets neutral values.
/// </summary>
public static class TasteFeatures
{
    public static IReadOnlyList<TrackProperty> Attributes { get; } =
    [
        TrackProperty.Danceability, TrackProperty.Energy, TrackProperty.Loudness, TrackProperty.Speechiness,
        TrackProperty.Acousticness, TrackProperty.Instrumentalness, TrackProperty.Liveness, TrackProperty.Valence,
        TrackProperty.Tempo, TrackProperty.Popularity, TrackProperty.DurationMs,
    ];

    public const int Neighbours = 10;
    public const int MinimumSide = 5;

    /// <summary>Pseudo-plays at the listener's own rate added to every rate.</summary>
    public const double Smoothing = 3;

    public static IReadOnlyList<string> Names { get; } =
    [
        .. Attributes.SelectMany(a => new[] { $"taste_{a.FieldName()}_nearest_skip_rate", $"taste_{a.FieldName()}_below_skip_rate", $"taste_{a.FieldName()}_above_skip_rate" }),
        "taste_split_side_skip_rate", "taste_split_side_minus_other", "taste_split_strength",
    ];

    public static int Count => Names.Count;

    /// <summary>The features of <paramref name="track"/> for a listener with this history; an unknown track gets neutral values.</summary>
    public static float[] Compute(ListenerHistory history, Track? track)
    {
        var features = new float[Count];
        var own = OwnRate(history);
        var i = 0;
        for (var a = 0; a < Attributes.Count; a++)
        {
            var value = (float)(track?[Attributes[a]] ?? double.NaN);
            var order = history.Order(a);
            if (float.IsNaN(value) || order.Count == 0)
            {
                features[i++] = (float)own;
                features[i++] = (float)own;
                features[i++] = (float)own;
                continue;
            }
            var (nearestSkips, nearestPlays) = order.Nearest(value, Neighbours);
            var atOrBelow = order.CountAtOrBelow(value);
            var skipsAtOrBelow = order.SkipsBefore(atOrBelow);
            features[i++] = (float)Smoothed(nearestSkips, nearestPlays, own);
            features[i++] = (float)Smoothed(skipsAtOrBelow, atOrBelow, own);
            features[i++] = (float)Smoothed(order.Skips - skipsAtOrBelow, order.Count - atOrBelow, own);
        }

        var split = history.BestSplit;
        var trackValue = split is null ? float.NaN : (float)(track?[Attributes[split.Attribute]] ?? double.NaN);
        if (split is null || float.IsNaN(trackValue))
        {
            features[i++] = (float)own;
            features[i++] = 0;
            features[i] = 0;
            return features;
        }
        var (side, other) = trackValue <= split.Cut ? (split.SkipRateBelow, split.SkipRateAbove) : (split.SkipRateAbove, split.SkipRateBelow);
        features[i++] = (float)side;
        features[i++] = (float)(side - other);
        features[i] = (float)split.Strength;
        return features;
    }

    /// <summary>The strongest single-attribute split of the history's plays; <see cref="ListenerHistory"/> keeps it current.</summary>
    internal static TasteSplit? FindBestSplit(ListenerHistory history)
    {
        // Runs on every closed play, over every attribute and cut: the search compares the children's weighted
        // impurity alone (the parent's is the same for every cut of one attribute), without allocating.
        var (bestGain, bestAttribute, bestBelow) = (double.NegativeInfinity, -1, 0);
        for (var a = 0; a < Attributes.Count; a++)
        {
            var order = history.Order(a);
            var n = order.Count;
            if (n < 2 * MinimumSide)
                continue;
            var parent = Gini(order.Skips, n);
            var (bestChildren, bestChildrenBelow) = order.BestCut(MinimumSide);
            if (bestChildrenBelow == 0)
                continue;
            var gain = parent - bestChildren / n;
            if (gain > bestGain)
                (bestGain, bestAttribute, bestBelow) = (gain, a, bestChildrenBelow);
        }
        if (bestAttribute < 0)
            return null;
        var best = history.Order(bestAttribute);
        var own = OwnRate(history);
        var (skipsBelow, skipsAll, all) = (best.SkipsBefore(bestBelow), best.Skips, best.Count);
        return new TasteSplit(bestAttribute, best.ValueAt(bestBelow - 1), Smoothed(skipsBelow, bestBelow, own),
            Smoothed(skipsAll - skipsBelow, all - bestBelow, own), bestGain);
    }

    /// <summary>A child's Gini impurity times its size: 2·s·(m − s)/m.</summary>
    internal static double WeightedGini(int skips, int plays) => 2.0 * skips * (plays - skips) / plays;

    /// <summary>The listener's own skip rate, shrunk towards one half by two pseudo-plays.</summary>
    private static double OwnRate(ListenerHistory history) => (history.Skips + 0.5 * 2) / (history.Count + 2.0);

    private static double Smoothed(int skips, int plays, double prior) => (skips + Smoothing * prior) / (plays + Smoothing);

    private static double Gini(int skips, int plays)
    {
        if (plays == 0)
            return 0;
        var p = (double)skips / plays;
        return 2 * p * (1 - p);
    }
}
