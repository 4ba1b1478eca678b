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
/// <see cref="ModelLabel"/> is the model and its version as one <c>name@version</c> (the wire field is <c>model</c>),
/// where a <see cref="PredictionRecord"/> keeps <c>Model</c> and <c>ModelVersion</c> apart. <see cref="Plan"/> (added in
/// plan version 1; null when the bundle has no skip-time curve) says how deep to buffer the track as it plays.
/// <see cref="ExpectedHeardShare"/> (added beside it, null likewise) is the share of the track expected to be heard: P(complete)
/// plus P(skip) times the share this listener usually hears before skipping. Ranking whole-track prefetches by it
/// rather than by <see cref="CompletionProbability"/> alone keeps more of the bytes that are heard for the same waste.
/// </summary>
public sealed record CacheHint(
    string PlayId,
    long SessionId,
    string TrackId,
    double CompletionProbability,
    CacheDecision Decision,
    [property: JsonPropertyName("model")] string ModelLabel,
    string Variant,
    string? StorageClass,
    DateTime EventTime,
    DateTime DecisionTime,
    PrefetchPlan? Plan = null,
    double? ExpectedHeardShare = null);
