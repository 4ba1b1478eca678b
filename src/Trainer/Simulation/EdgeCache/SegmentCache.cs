namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>
/// An edge cache of audio segments with a byte capacity. Every policy keeps its segments ordered by a priority and
/// evicts the lowest: LRU by last use, LFU by uses while cached (then last use), GDSF by L + uses × miss cost / size
/// (L rising to each evicted priority, so old popularity ages), Belady by the next request (furthest first; a segment
/// requested later than everything cached is not admitted, which is what makes it optimal).
/// </summary>
public sealed class SegmentCache(Eviction eviction, long capacityBytes)
{
    private sealed class Entry(long bytes)
    {
        public long Bytes { get; } = bytes;
        public int Uses { get; set; } = 1;
        public (double Priority, long Tick, long Key) Slot { get; set; }
    }

    private readonly Dictionary<long, Entry> _entries = [];
    private readonly SortedSet<(double Priority, long Tick, long Key)> _order = [];
    private long _used;
    private long _tick;
    private double _inflation;

    /// <summary>Serves a request; true when the segment was at the edge. A miss is admitted when <paramref name="admit"/> allows and it fits.</summary>
    /// <param name="missCost">What fetching it again would cost (the origin's first-byte time), for GDSF.</param>
    /// <param name="nextUse">The position of the next request for the same segment (<see cref="long.MaxValue"/> if none), for Belady.</param>
    public bool Request(long key, long bytes, double missCost, long nextUse, bool admit)
    {
        _tick++;
        if (_entries.TryGetValue(key, out var cached))
        {
            _order.Remove(cached.Slot);
            cached.Uses++;
            Place(key, cached, missCost, nextUse);
            return true;
        }
        if (!admit || bytes > capacityBytes)
            return false;
        var entry = new Entry(bytes);
        var priority = Priority(entry, missCost, nextUse);
        if (eviction == Eviction.Belady && _used + bytes > capacityBytes && _order.Count > 0 && priority < _order.Min.Priority)
            return false;
        while (_used + bytes > capacityBytes)
            EvictLowest();
        _entries[key] = entry;
        _used += bytes;
        Place(key, entry, missCost, nextUse);
        return false;
    }

    private void Place(long key, Entry entry, double missCost, long nextUse)
    {
        entry.Slot = (Priority(entry, missCost, nextUse), _tick, key);
        _order.Add(entry.Slot);
    }

    private double Priority(Entry entry, double missCost, long nextUse) => eviction switch
    {
        Eviction.Lru => _tick,
        Eviction.Lfu => entry.Uses,
        Eviction.Gdsf => _inflation + entry.Uses * missCost / entry.Bytes,
        Eviction.Belady => -(double)nextUse,
        _ => throw new InvalidOperationException($"unknown eviction {eviction}"),
    };

    private void EvictLowest()
    {
        var lowest = _order.Min;
        _order.Remove(lowest);
        if (eviction == Eviction.Gdsf)
            _inflation = lowest.Priority;
        _used -= _entries[lowest.Key].Bytes;
        _entries.Remove(lowest.Key);
    }
}
