using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Features;

/// <summary>
/// A listener's last <see cref="Capacity"/> closed plays: the taste attributes of each track, whether it was
/// skipped and, for a skip, how much of the track had been heard (<see cref="SkipTiming"/>). Bounded, so a
/// listener's state (and what a new owner of their partition must restore) stays the same size however long they
/// listen. Each attribute's values are kept sorted and the strongest split is found when a play closes, so scoring
/// a play only looks things up.
/// </summary>
public sealed class ListenerHistory
{
    private readonly float[] _values;
    private readonly bool[] _skipped;
    private readonly float[] _heardAtSkip;
    private readonly AttributeOrder[] _orders;
    private int _next;

    public ListenerHistory(int capacity)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a history holds at least one play");
        _values = new float[capacity * TasteFeatures.Attributes.Count];
        _skipped = new bool[capacity];
        _heardAtSkip = new float[capacity];
        _orders = TasteFeatures.Attributes.Select(_ => new AttributeOrder(capacity)).ToArray();
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>The slot the next closed play goes into; once full, the slot of the oldest play, which it replaces.</summary>
    public int Next => _next;

    public int Skips { get; private set; }

    /// <summary>When the held skips happened: how many have a known heard share, and those shares summed.</summary>
    public SkipTiming SkipTiming { get; private set; } = SkipTiming.None;

    /// <summary>The strongest single-attribute split of the plays held now; null while none has enough plays on each side.</summary>
    public TasteSplit? BestSplit { get; private set; }

    /// <param name="heardAtSkip">For a skip, the share of the track heard (NaN when unknown); ignored for a completed play.</param>
    public void Add(Track? track, bool skipped, float heardAtSkip = float.NaN)
    {
        var slot = _next;
        if (Count == Capacity)
            Forget(slot);
        Span<float> values = stackalloc float[TasteFeatures.Attributes.Count];
        for (var a = 0; a < values.Length; a++)
            values[a] = (float)(track?[TasteFeatures.Attributes[a]] ?? double.NaN);
        Put(slot, values, skipped, heardAtSkip);
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
        BestSplit = TasteFeatures.FindBestSplit(this);
    }

    public HistorySlot Slot(int slot) =>
        new(_values.AsSpan(slot * TasteFeatures.Attributes.Count, TasteFeatures.Attributes.Count).ToArray(), _skipped[slot],
            float.IsNaN(_heardAtSkip[slot]) ? null : _heardAtSkip[slot]);

    /// <summary>Every play held, by slot.</summary>
    public IReadOnlyList<HistorySlot> Slots()
    {
        var slots = new HistorySlot[Count];
        for (var slot = 0; slot < Count; slot++)
            slots[slot] = Slot(slot);
        return slots;
    }

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
            Put(slot, held is { Values.Length: var n } && n == unknown.Length ? held.Values : unknown, held?.Skipped ?? false, held?.HeardAtSkip ?? float.NaN);
        }
        (_next, Count) = (next, count);
        BestSplit = TasteFeatures.FindBestSplit(this);
    }

    /// <summary>Attribute <paramref name="attribute"/> (index into <see cref="TasteFeatures.Attributes"/>) of the play in slot <paramref name="play"/>.</summary>
    public float Value(int play, int attribute) => _values[play * TasteFeatures.Attributes.Count + attribute];

    internal AttributeOrder Order(int attribute) => _orders[attribute];

    private void Put(int slot, ReadOnlySpan<float> values, bool skipped, float heardAtSkip)
    {
        for (var a = 0; a < values.Length; a++)
        {
            _values[slot * values.Length + a] = values[a];
            if (!float.IsNaN(values[a]))
                _orders[a].Insert(values[a], skipped);
        }
        _skipped[slot] = skipped;
        Skips += skipped ? 1 : 0;
        _heardAtSkip[slot] = skipped && float.IsFinite(heardAtSkip) ? Math.Clamp(heardAtSkip, 0, 1) : float.NaN;
        SkipTiming = SkipTiming.With(_heardAtSkip[slot]);
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
        SkipTiming = SkipTiming.Without(_heardAtSkip[slot]);
    }
}
