namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>
/// The edge-cache replay's assumptions, each a documented default (docs/cache-simulation.md). Audio is served in
/// segments of <see cref="SegmentSeconds"/>; a request's first byte comes after <see cref="EdgeFirstByteMs"/> when the
/// edge holds the segment, and after that plus the origin's first-byte time for the track's storage class when it does
/// not; the player's link carries a segment at <see cref="LinkKbps"/>. The edge's capacity is given as shares of the
/// test period's distinct segment bytes.
/// </summary>
public sealed record EdgeCacheSettings(
    double SegmentSeconds = 10,
    double EdgeFirstByteMs = 80,
    double FastOriginFirstByteMs = 150,
    double MediumOriginFirstByteMs = 400,
    double SlowOriginFirstByteMs = 1200,
    double LinkKbps = 20_000)
{
    public static readonly EdgeCacheSettings Default = new();

    public static readonly double[] CapacityShares = [0.01, 0.05, 0.20];

    /// <summary>The origin's first-byte time for a storage class; an unknown class is taken as MEDIUM.</summary>
    public double OriginFirstByteMs(string? storageClass) => storageClass?.ToUpperInvariant() switch
    {
        "FAST" => FastOriginFirstByteMs,
        "SLOW" => SlowOriginFirstByteMs,
        _ => MediumOriginFirstByteMs,
    };
}
