namespace Pozytywka.Listening.Features;

/// <summary>
/// One taste attribute's values over a listener's history, kept sorted as plays come and go: a play's taste
/// features are then binary searches and counts, not a sort. Equal values keep completed plays before skipped
/// ones, so the order (and every feature read from it) depends only on which plays are held, never on the order
/// they arrived in: a rebuilt state equals an uninterrupted one. Skips before a position are counted when asked
/// (a vectorised count over at most half the plays) rather than kept as running sums, which every closed play
/// would have to rewrite for every attribute.
/// </summary>
internal sealed class AttributeOrder(int capacity)
{
    private readonly float[] _values = new float[capacity];
    private readonly bool[] _skipped = new bool[capacity];

    public int Count { get; private set; }

    public int Skips { get; private set; }

    public float ValueAt(int index) => _values[index];

    /// <summary>Skips among the first <paramref name="plays"/> plays in value order.</summary>
    public int SkipsBefore(int plays) => plays <= Count / 2
        ? _skipped.AsSpan(0, plays).Count(true)
        : Skips - _skipped.AsSpan(plays, Count - plays).Count(true);

    public void Insert(float value, bool skipped)
    {
        var at = After(value, skipped);
        Array.Copy(_values, at, _values, at + 1, Count - at);
        Array.Copy(_skipped, at, _skipped, at + 1, Count - at);
        _values[at] = value;
        _skipped[at] = skipped;
        Count++;
        Skips += skipped ? 1 : 0;
    }

    /// <summary>Removes one play with this value and outcome (plays alike in both are interchangeable here).</summary>
    public void Remove(float value, bool skipped)
    {
        var at = After(value, skipped) - 1;
        if (at < 0 || _values[at] != value || _skipped[at] != skipped)
            throw new InvalidOperationException($"no play with value {value} and skipped {skipped} to remove");
        Array.Copy(_values, at + 1, _values, at, Count - at - 1);
        Array.Copy(_skipped, at + 1, _skipped, at, Count - at - 1);
        Count--;
        Skips -= skipped ? 1 : 0;
    }

    /// <summary>
    /// The cut between distinct values, with at least <paramref name="minimumSide"/> plays each side, whose two sides'
    /// weighted Gini impurities sum least (the first such cut on a tie): that sum, and the plays at or below the cut
    /// (0 when no cut qualifies). Runs for every attribute on every closed play, so it reads the arrays directly.
    /// </summary>
    public (double Children, int Below) BestCut(int minimumSide)
    {
        var values = _values.AsSpan(0, Count);
        var skipped = _skipped.AsSpan(0, Count);
        var (bestChildren, bestBelow) = (double.PositiveInfinity, 0);
        var skipsBelow = SkipsBefore(minimumSide - 1);
        for (var below = minimumSide; below <= values.Length - minimumSide; below++)
        {
            skipsBelow += skipped[below - 1] ? 1 : 0;
            // Cut only between distinct values, so "at or below the cut" is exactly the first `below` plays.
            if (values[below - 1] == values[below])
                continue;
            var children = TasteFeatures.WeightedGini(skipsBelow, below) + TasteFeatures.WeightedGini(Skips - skipsBelow, values.Length - below);
            if (children < bestChildren)
                (bestChildren, bestBelow) = (children, below);
        }
        return (bestChildren, bestBelow);
    }

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

    /// <summary>The index just past every play ordered at or before (value, skipped).</summary>
    private int After(float value, bool skipped)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_values[middle] < value || (_values[middle] == value && (!_skipped[middle] || skipped)))
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
