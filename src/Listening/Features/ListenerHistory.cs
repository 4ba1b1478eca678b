using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>
/// A listener's last <see cref="Capacity"/> closed plays: the taste attributes of each track and whether it was
/// skipped. Bounded, so a listener's state (and what a new owner of their partition must restore) stays the
/// same size however long they listen. Each attribute's values are kept sorted and the strongest split is
/// found when a play closes, so scoring a play only looks things up.
/// </summary>
public sealed class ListenerHistory
{
    private readonly float[] _values;
    private readonly bool[] _skipped;
    private readonly AttributeOrder[] _orders;
    private int _next;

    public ListenerHistory(int capacity)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a history holds at least one play");
        _values = new float[capacity * TasteFeatures.Attributes.Count];
        _skipped = new bool[capacity];
        _orders = TasteFeatures.Attributes.Select(_ => new AttributeOrder(capacity)).ToArray();
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    public int Skips { get; private set; }

    /// <summary>The strongest single-attribute split of the plays held now; null while none has enough plays on each side.</summary>
    public TasteSplit? BestSplit { get; private set; }

    public void Add(Track? track, bool skipped)
    {
        var attributes = TasteFeatures.Attributes;
        if (Count == Capacity)
            Forget(_next);
        for (var a = 0; a < attributes.Count; a++)
        {
            var value = (float)(track?[attributes[a]] ?? double.NaN);
            _values[_next * attributes.Count + a] = value;
            if (!float.IsNaN(value))
                _orders[a].Insert(value, skipped);
        }
        _skipped[_next] = skipped;
        Skips += skipped ? 1 : 0;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
        BestSplit = TasteFeatures.FindBestSplit(this);
    }

    /// <summary>Attribute <paramref name="attribute"/> (index into <see cref="TasteFeatures.Attributes"/>) of the play in slot <paramref name="play"/>.</summary>
    public float Value(int play, int attribute) => _values[play * TasteFeatures.Attributes.Count + attribute];

    internal AttributeOrder Order(int attribute) => _orders[attribute];

    private void Forget(int slot)
    {
        for (var a = 0; a < _orders.Length; a++)
        {
            var value = Value(slot, a);
            if (!float.IsNaN(value))
                _orders[a].Remove(value, _skipped[slot]);
        }
        Skips -= _skipped[slot] ? 1 : 0;
    }
}
