namespace Pozytywka.Listening.Features;

/// <summary>
/// One taste attribute's values over a listener's history, kept sorted as plays come and go, with running skip
/// counts: a play's taste features are then binary searches, not a sort. Equal values keep completed plays
/// before skipped ones, so the order (and every feature read from it) depends only on which plays are held,
/// never on the order they arrived in: a rebuilt state equals an uninterrupted one.
/// </summary>
internal sealed class AttributeOrder(int capacity)
{
    private readonly float[] _values = new float[capacity];
    private readonly bool[] _skipped = new bool[capacity];
    private readonly int[] _skipsBefore = new int[capacity + 1];

    public int Count { get; private set; }

    public float ValueAt(int index) => _values[index];

    /// <summary>Skips among the first <paramref name="plays"/> plays in value order.</summary>
    public int SkipsBefore(int plays) => _skipsBefore[plays];

    public void Insert(float value, bool skipped)
    {
        var at = After(value, skipped);
        Array.Copy(_values, at, _values, at + 1, Count - at);
        Array.Copy(_skipped, at, _skipped, at + 1, Count - at);
        _values[at] = value;
        _skipped[at] = skipped;
        Count++;
        Recount(at);
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
        Recount(at);
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

    private void Recount(int from)
    {
        for (var k = from; k < Count; k++)
            _skipsBefore[k + 1] = _skipsBefore[k] + (_skipped[k] ? 1 : 0);
    }
}
