using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>
/// A listener's last <see cref="Capacity"/> closed plays: the taste attributes of each track and whether it was
/// skipped. Bounded, so a listener's state (and what a new owner of their partition must restore) stays the
/// same size however long they listen.
/// </summary>
public sealed class ListenerHistory(int capacity)
{
    private readonly float[] _values = new float[capacity * TasteFeatures.Attributes.Count];
    private readonly bool[] _skipped = new bool[capacity];
    private int _next;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a history holds at least one play");

    public int Count { get; private set; }

    public void Add(Track? track, bool skipped)
    {
        var attributes = TasteFeatures.Attributes;
        for (var a = 0; a < attributes.Count; a++)
            _values[_next * attributes.Count + a] = (float)(track?[attributes[a]] ?? double.NaN);
        _skipped[_next] = skipped;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Attribute <paramref name="attribute"/> (index into <see cref="TasteFeatures.Attributes"/>) of the play in slot <paramref name="play"/>.</summary>
    public float Value(int play, int attribute) => _values[play * TasteFeatures.Attributes.Count + attribute];

    public bool Skipped(int play) => _skipped[play];

    public int Skips
    {
        get
        {
            var skips = 0;
            for (var play = 0; play < Count; play++)
                skips += _skipped[play] ? 1 : 0;
            return skips;
        }
    }
}
