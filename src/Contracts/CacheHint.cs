using System.Text.Json.Serialization;

namespace Pozytywka.Contracts;

/// <summary>What the edge cache should do with a track that just started playing.</summary>
public enum CacheDecision
{
    /// <summary>Likely heard in full: fetch the rest of it to the edge now.</summary>
    [JsonStringEnumMemberName("PREFETCH")]
    Prefetch,

    /// <summary>Uncertain: serve it as it comes, without prefetching.</summary>
    [JsonStringEnumMemberName("NO_PREFETCH")]
    NoPrefetch,

    /// <summary>Likely skipped: do not keep it in the edge cache.</summary>
    [JsonStringEnumMemberName("EVICT")]
    Evict,
}

/// <summary>
/// Published on the <c>cache-hints</c> topic, keyed by track id, one per scored PLAY of a track the catalog knows. It carries what the cache
/// needs and no listener id: the play id (session and position) identifies the play, nothing names the listener.
/// </summary>
public sealed record CacheHint(
    string PlayId,
    long SessionId,
    string TrackId,
    double CompletionProbability,
    CacheDecision Decision,
    string Model,
    string Variant,
    string? StorageClass,
    DateTime EventTime,
    DateTime DecisionTime);
