namespace Pozytywka.Listening.Hints;

/// <summary>
/// When a play becomes a prefetch or an eviction. A prefetch spends edge bandwidth and cache space on the rest
/// of a track now; a track left out of the edge and then heard in full is fetched from its storage class on
/// demand, which costs more the slower (cheaper per day, per track_storage) the class. So the completion
/// probability needed to prefetch is lowest for SLOW storage and highest for FAST storage, and a track is
/// evicted only when a skip is likely whatever its class.
/// </summary>
public sealed class CacheHintOptions
{
    public const string SectionName = "CacheHints";

    /// <summary>Completion probability at or above which a track is prefetched, per storage class.</summary>
    public Dictionary<string, double> PrefetchAtOrAbove { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FAST"] = 0.80,
        ["MEDIUM"] = 0.70,
        ["SLOW"] = 0.60,
    };

    /// <summary>Used for a storage class missing above, or a track with no storage row.</summary>
    public double DefaultPrefetchAtOrAbove { get; set; } = 0.70;

    /// <summary>Completion probability below which the track should leave the edge cache.</summary>
    public double EvictBelow { get; set; } = 0.35;

    /// <summary>How deep each hint's prefetch plan buffers the track as it plays.</summary>
    public PrefetchPlanOptions Plan { get; set; } = new();
}
