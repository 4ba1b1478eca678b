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
        var own = (history.Skips + 0.5 * 2) / (history.Count + 2.0);
        var sorted = new SortedAttribute(history.Capacity);
        var i = 0;
        for (var a = 0; a < Attributes.Count; a++)
        {
            var value = (float)(track?[Attributes[a]] ?? double.NaN);
            sorted.Load(history, a);
            if (float.IsNaN(value) || sorted.Count == 0)
            {
                features[i++] = (float)own;
                features[i++] = (float)own;
                features[i++] = (float)own;
                continue;
            }
            var (nearestSkips, nearestPlays) = sorted.Nearest(value, Neighbours);
            var atOrBelow = sorted.CountAtOrBelow(value);
            var skipsAtOrBelow = sorted.SkipsBefore(atOrBelow);
            features[i++] = (float)Smoothed(nearestSkips, nearestPlays, own);
            features[i++] = (float)Smoothed(skipsAtOrBelow, atOrBelow, own);
            features[i++] = (float)Smoothed(sorted.SkipsBefore(sorted.Count) - skipsAtOrBelow, sorted.Count - atOrBelow, own);
        }

        var split = BestSplit(history, sorted);
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

    /// <summary>The listener's strongest single-attribute split so far; null while no cut leaves enough plays on both sides.</summary>
    public static TasteSplit? BestSplit(ListenerHistory history) => BestSplit(history, new SortedAttribute(history.Capacity));

    private static TasteSplit? BestSplit(ListenerHistory history, SortedAttribute sorted)
    {
        var own = (history.Skips + 0.5 * 2) / (history.Count + 2.0);
        TasteSplit? best = null;
        for (var a = 0; a < Attributes.Count; a++)
        {
            sorted.Load(history, a);
            var n = sorted.Count;
            if (n < 2 * MinimumSide)
                continue;
            var totalSkips = sorted.SkipsBefore(n);
            var parent = Gini(totalSkips, n);
            for (var below = MinimumSide; below <= n - MinimumSide; below++)
            {
                // Cut only between distinct values, so "at or below the cut" is exactly the first `below` plays.
                if (sorted.ValueAt(below - 1) == sorted.ValueAt(below))
                    continue;
                var skipsBelow = sorted.SkipsBefore(below);
                var gain = parent - (below * Gini(skipsBelow, below) + (n - below) * Gini(totalSkips - skipsBelow, n - below)) / n;
                if (best is null || gain > best.Strength)
                {
                    best = new TasteSplit(a, sorted.ValueAt(below - 1), Smoothed(skipsBelow, below, own),
                        Smoothed(totalSkips - skipsBelow, n - below, own), gain);
                }
            }
        }
        return best;
    }

    private static double Smoothed(int skips, int plays, double prior) => (skips + Smoothing * prior) / (plays + Smoothing);

    private static double Gini(int skips, int plays)
    {
        if (plays == 0)
            return 0;
        var p = (double)skips / plays;
        return 2 * p * (1 - p);
    }

    /// <summary>One attribute of the history's plays with a value, sorted, with running skip counts.</summary>
    private sealed class SortedAttribute(int capacity)
    {
        private readonly float[] _values = new float[capacity];
        private readonly bool[] _skipped = new bool[capacity];
        private readonly int[] _skipsBefore = new int[capacity + 1];

        public int Count { get; private set; }

        public void Load(ListenerHistory history, int attribute)
        {
            Count = 0;
            for (var play = 0; play < history.Count; play++)
            {
                var value = history.Value(play, attribute);
                if (float.IsNaN(value))
                    continue;
                _values[Count] = value;
                _skipped[Count] = history.Skipped(play);
                Count++;
            }
            Array.Sort(_values, _skipped, 0, Count);
            for (var k = 0; k < Count; k++)
                _skipsBefore[k + 1] = _skipsBefore[k] + (_skipped[k] ? 1 : 0);
        }

        public float ValueAt(int index) => _values[index];

        /// <summary>Skips among the first <paramref name="plays"/> plays in value order.</summary>
        public int SkipsBefore(int plays) => _skipsBefore[plays];

        public int CountAtOrBelow(float value)
        {
            int low = 0, high = Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (_values[middle] <= value)
                    low = middle + 1;
                else
                    high = middle;
            }
            return low;
        }

        /// <summary>Skips and plays among the <paramref name="k"/> plays whose value is nearest (ties to the lower value).</summary>
        public (int Skips, int Plays) Nearest(float value, int k)
        {
            var right = CountAtOrBelow(value);
            var left = right - 1;
            var skips = 0;
            var taken = 0;
            while (taken < k && (left >= 0 || right < Count))
            {
                var takeLeft = right >= Count || (left >= 0 && value - _values[left] <= _values[right] - value);
                var index = takeLeft ? left-- : right++;
                skips += _skipped[index] ? 1 : 0;
                taken++;
            }
            return (skips, taken);
        }
    }
}
