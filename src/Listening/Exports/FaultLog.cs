using System.Collections.Concurrent;

namespace Pozytywka.Listening.Exports;

/// <summary>Where a fault was found and what kind it is, e.g. (tracks, popularity, null).</summary>
public readonly record struct FaultKey(string Source, string Field, string Kind)
{
    public override string ToString() => $"{Source}.{Field}: {Kind}";
}

/// <summary>A counted kind of fault with the first place it was seen.</summary>
public sealed record FaultTally(FaultKey Key, long Count, string FirstSeen);

/// <summary>Counts every fault found while reading or replaying an export. Nothing here is ever fatal.</summary>
public sealed class FaultLog
{
    private readonly ConcurrentDictionary<FaultKey, Entry> _entries = new();

    public void Record(string source, string field, string kind, string where)
    {
        var entry = _entries.GetOrAdd(new FaultKey(source, field, kind), _ => new Entry(where));
        Interlocked.Increment(ref entry.Count);
    }

    public IReadOnlyList<FaultTally> Tallies() =>
        _entries.Select(e => new FaultTally(e.Key, Interlocked.Read(ref e.Value.Count), e.Value.FirstSeen))
            .OrderBy(t => t.Key.Source, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Field, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Kind, StringComparer.Ordinal)
            .ToList();

    private sealed class Entry(string firstSeen)
    {
        public long Count;
        public string FirstSeen { get; } = firstSeen;
    }
}
