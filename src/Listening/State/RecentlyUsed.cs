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

    public void Set(TKey key, TValue value)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            node.Value = (key, value);
            Touch(node);
            return;
        }
        _entries[key] = _byUse.AddFirst((key, value));
        if (_entries.Count > capacity)
        {
            _entries.Remove(_byUse.Last!.Value.Key);
            _byUse.RemoveLast();
            Evicted++;
        }
    }

    private void Touch(LinkedListNode<(TKey Key, TValue Value)> node)
    {
        _byUse.Remove(node);
        _byUse.AddFirst(node);
    }
}
