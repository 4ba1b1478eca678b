using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;
namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>One policy at one capacity over the test period's plays, on a steady link or one with outages.</summary>
public sealed record EdgeCacheRow(
    string Link,
    Eviction Eviction,
    ReadAhead ReadAhead,
    double CapacityShare,
    long CapacityBytes,
    double StartupP50Ms,
    double StartupP95Ms,
    double StartupMeanMs,
    double StallSecondsPerHour,
    double SegmentHitRatio,
    double ByteHitRatio,
    long OriginBytes,
    long WastedBytes);

/// <summary>What the edge-cache rows assumed: the settings, the hint-driven operating point, and the bytes the capacity shares are of.</summary>
public sealed record EdgeCacheAssumptions(EdgeCacheSettings Settings, HintRule HintPoint, long TestSegmentBytes, NetworkModel Outages);
