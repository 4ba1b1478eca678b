using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Simulation;

/// <summary>Where the operating point tuned on the training period lands on the test period.</summary>
public sealed record TunedPrefetch(double UsefulShareTarget, double Threshold, double UsefulShare, double WasteCut, PrefetchTotals Totals);

/// <summary>What the processor's hints as configured today would do: prefetch the whole track where a hint says PREFETCH (test period).</summary>
public sealed record HintPolicyPrefetch(double UsefulShare, double WasteCut, PrefetchTotals Totals);

/// <summary>Always-prefetch against the tuned policy for one storage class (test period).</summary>
public sealed record StorageClassPrefetch(string StorageClass, int Plays, PrefetchTotals Always, PrefetchTotals Tuned);

/// <summary>The content of <c>simulation.json</c>: the whole-track prefetch framing on the temporal test period.</summary>
public sealed record CacheSimulationReport(
    string Model,
    string Version,
    double BytesPerSecond,
    int TrainingPlays,
    int TestPlays,
    PrefetchTotals AlwaysPrefetch,
    [property: JsonPropertyName("waste_cut_at_95pct_useful")] double WasteCutAt95PctUseful,
    [property: JsonPropertyName("waste_cut_at_90pct_useful")] double WasteCutAt90PctUseful,
    IReadOnlyList<TunedPrefetch> Tuned,
    HintPolicyPrefetch HintPolicy,
    IReadOnlyList<StorageClassPrefetch> ByStorageClass,
    IReadOnlyList<CurvePoint> Curve);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CacheSimulationReport))]
internal sealed partial class SimulationJsonContext : JsonSerializerContext;
