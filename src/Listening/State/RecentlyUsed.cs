namespace Pozytywka.Listening.State;

/// <summary>
/// A map that keeps at most <paramref name="capacity"/> entries, dropping the least recently used one to make
/// room: what bounds per-partition state by size. Lookups and writes both count as use. Not thread-safe.
/// </summary>
public sealed class RecentlyUsed<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _entries = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _byUse = new();

    public int Count => _entries.Count;

    /// <summary>Entries dropped to make room since this map was made.</summary>
    public long Evicted { get; private set; }

    public IEnumerable<(TKey Key, TValue Value)> Entries => _byUse;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            Touch(node);
            value = node.Value.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Looks an entry up without counting it as use.</summary>
    public bool TryPeek(TKey key, out TValue value)
    {
        var found = _entries.TryGetValue(key, out var node);
        value = found ? node!.Value.Value : default!;
        return found;
    }

    /// <summary>Adds or replaces an entry as the most recently used; returns the entry dropped to make room, if one was.</summary>
    public (TKey Key, TValue Value)? Set(TKey key, TValue value)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            node.Value = (key, value);
            Touch(node);
            return null;
        }
        _entries[key] = _byUse.AddFirst((key, value));
        if (_entries.Count <= capacity)
            return null;
        var dropped = _byUse.Last!.Value;
        _entries.Remove(dropped.Key);
        _byUse.RemoveLast();
        Evicted++;
        return dropped;
    }

    public bool Remove(TKey key, out TValue value)
    {
        if (!_entries.Remove(key, out var node))
        {
            value = default!;
            return false;
        }
        _byUse.Remove(node);
        value = node.Value.Value;
        return true;
    }

    private void Touch(LinkedListNode<(TKey Key, TValue Value)> node)
    {
        _byUse.Remove(node);
        _byUse.AddFirst(node);
    }
}
