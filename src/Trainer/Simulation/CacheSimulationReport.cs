using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Simulation;

/// <summary>Where the operating point tuned on the training period lands on the test period.</summary>
public sealed record TunedPrefetch(double UsefulShareTarget, double Threshold, double UsefulShare, double WasteCut, PrefetchTotals Totals);

/// <summary>
/// The rule the processor runs as configured: <paramref name="KeepUsefulShare"/> is the operating point whose bundle threshold
/// it uses (null when <c>CacheHints:WholeTrackAtOrAbove</c> overrides it).
/// </summary>
public sealed record DeployedRule(double? KeepUsefulShare, Listening.Hints.HintRule Rule);

/// <summary>Always-prefetch against the policy tuned for 95 % of the useful bytes within one segment of the test plays.</summary>
public sealed record SegmentPrefetch(string Dimension, string Segment, int Plays, PrefetchTotals Always, PrefetchTotals Tuned, double UsefulShare, double WasteCut);

/// <summary>The test curve's waste cuts when plays are ranked another way, for comparison with the headline ranking.</summary>
public sealed record RankingCuts(
    PrefetchRanking Ranking,
    [property: JsonPropertyName("waste_cut_at_95pct_useful")] double WasteCutAt95PctUseful,
    [property: JsonPropertyName("waste_cut_at_90pct_useful")] double WasteCutAt90PctUseful);

/// <summary>The content of <c>simulation.json</c>: both framings on the temporal test period.</summary>
public sealed record CacheSimulationReport(
    string Model,
    string Version,
    double BytesPerSecond,
    int TrainingPlays,
    int TestPlays,
    PrefetchTotals AlwaysPrefetch,
    [property: JsonPropertyName("waste_cut_at_95pct_useful")] double WasteCutAt95PctUseful,
    [property: JsonPropertyName("waste_cut_at_90pct_useful")] double WasteCutAt90PctUseful,
    PrefetchRanking Ranking,
    RankingCuts Compared,
    RankingCuts Bound,
    RandomOrderCuts RandomOrderClassifier,
    IReadOnlyList<TunedPrefetch> Tuned,
    DeployedRule Deployed,
    IReadOnlyList<HintedPrefetch> Hinted,
    IReadOnlyList<SegmentPrefetch> BySegment,
    IReadOnlyList<CurvePoint> Curve,
    BufferDepthReport BufferDepth,
    IReadOnlyList<EdgeCache.EdgeCacheRow> EdgeCache,
    EdgeCache.EdgeCacheAssumptions EdgeCacheAssumptions,
    IReadOnlyList<EdgeCache.EdgeCacheSensitivity> EdgeCacheSensitivity)
{
    /// <summary>The most any whole-track policy can cut at 95 % of the useful bytes: plays taken by the share really heard.</summary>
    [JsonPropertyName("bound_waste_cut_at_95pct_useful")]
    public double BoundWasteCutAt95PctUseful => Bound.WasteCutAt95PctUseful;

    [JsonPropertyName("bound_waste_cut_at_90pct_useful")]
    public double BoundWasteCutAt90PctUseful => Bound.WasteCutAt90PctUseful;

    /// <summary>The hints' ranking as a share of the bound, at 95 % of the useful bytes.</summary>
    [JsonPropertyName("model_share_of_bound_at_95pct_useful")]
    public double ModelShareOfBoundAt95PctUseful => BoundWasteCutAt95PctUseful == 0 ? double.NaN : WasteCutAt95PctUseful / BoundWasteCutAt95PctUseful;

    /// <summary>The skip-time plan's waste against fixed buffers at equal stall (the headline reference); null when no plan stalled little enough.</summary>
    public double? ModelPlanWasteReductionAtEqualStall => BufferDepth.Headline?.WasteReduction;
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CacheSimulationReport))]
internal sealed partial class SimulationJsonContext : JsonSerializerContext;
