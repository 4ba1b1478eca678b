using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.State;

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

    /// <summary>The slot the next closed play goes into; once full, the slot of the oldest play, which it replaces.</summary>
    public int Next => _next;

    public int Skips { get; private set; }

    /// <summary>The strongest single-attribute split of the plays held now; null while none has enough plays on each side.</summary>
    public TasteSplit? BestSplit { get; private set; }

    /// <returns>The slot the play went into.</returns>
    public int Add(Track? track, bool skipped)
    {
        var slot = _next;
        if (Count == Capacity)
            Forget(slot);
        Span<float> values = stackalloc float[TasteFeatures.Attributes.Count];
        for (var a = 0; a < values.Length; a++)
            values[a] = (float)(track?[TasteFeatures.Attributes[a]] ?? double.NaN);
        Put(slot, values, skipped);
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
        BestSplit = TasteFeatures.FindBestSplit(this);
        return slot;
    }

    public HistorySlot Slot(int slot) =>
        new(_values.AsSpan(slot * TasteFeatures.Attributes.Count, TasteFeatures.Attributes.Count).ToArray(), _skipped[slot]);

    /// <summary>
    /// Refills an empty history with the slots a changelog holds, each in its own place, so later plays overwrite
    /// the same slots they would have. A slot missing below <paramref name="count"/> is held as a play with no known
    /// attributes, so it weighs on no feature.
    /// </summary>
    public void Restore(int next, int count, IReadOnlyDictionary<int, HistorySlot> slots)
    {
        if (Count != 0)
            throw new InvalidOperationException("only an empty history can be restored");
        if (count < 0 || count > Capacity || next < 0 || next >= Capacity)
            throw new ArgumentOutOfRangeException(nameof(count), $"a history of {Capacity} plays cannot hold {count} plays with the next in slot {next}");
        var unknown = Enumerable.Repeat(float.NaN, TasteFeatures.Attributes.Count).ToArray();
        for (var slot = 0; slot < count; slot++)
        {
            var held = slots.GetValueOrDefault(slot);
            Put(slot, held is { Values.Length: var n } && n == unknown.Length ? held.Values : unknown, held?.Skipped ?? false);
        }
        (_next, Count) = (next, count);
        BestSplit = TasteFeatures.FindBestSplit(this);
    }

    /// <summary>Attribute <paramref name="attribute"/> (index into <see cref="TasteFeatures.Attributes"/>) of the play in slot <paramref name="play"/>.</summary>
    public float Value(int play, int attribute) => _values[play * TasteFeatures.Attributes.Count + attribute];

    internal AttributeOrder Order(int attribute) => _orders[attribute];

    private void Put(int slot, ReadOnlySpan<float> values, bool skipped)
    {
        for (var a = 0; a < values.Length; a++)
        {
            _values[slot * values.Length + a] = values[a];
            if (!float.IsNaN(values[a]))
                _orders[a].Insert(values[a], skipped);
        }
        _skipped[slot] = skipped;
        Skips += skipped ? 1 : 0;
    }

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
