using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;
namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>The edge-cache rows at LRU and 5 % capacity when one assumption is halved or doubled.</summary>
public sealed record EdgeCacheSensitivity(string Assumption, double Value, IReadOnlyList<EdgeCacheRow> Rows)
{
    private const double Capacity = 0.05;

    /// <summary>
    /// The two assumptions that move the figures most: the slow origin's first byte (it sets start-up p95, as slow
    /// storage holds most tracks and most first segments miss) and the segment length (it sets what a read-ahead
    /// wastes and how early a miss is seen).
    /// </summary>
    public static IReadOnlyList<EdgeCacheSensitivity> Of(IReadOnlyList<CachePlay> training, IReadOnlyList<CachePlay> test, HintRule hints, EdgeCacheSettings settings,
        NetworkModel outages)
    {
        var variants = new (string Assumption, double Value, EdgeCacheSettings Settings)[]
        {
            ("slow_origin_first_byte_ms", settings.SlowOriginFirstByteMs / 2, settings with { SlowOriginFirstByteMs = settings.SlowOriginFirstByteMs / 2 }),
            ("slow_origin_first_byte_ms", settings.SlowOriginFirstByteMs * 2, settings with { SlowOriginFirstByteMs = settings.SlowOriginFirstByteMs * 2 }),
            ("segment_seconds", settings.SegmentSeconds / 2, settings with { SegmentSeconds = settings.SegmentSeconds / 2 }),
            ("segment_seconds", settings.SegmentSeconds * 2, settings with { SegmentSeconds = settings.SegmentSeconds * 2 }),
        };
        return variants.Select(v => new EdgeCacheSensitivity(v.Assumption, v.Value,
                EdgeCacheReplay.Run(training, test, hints, v.Settings, outages, [Eviction.Lru], [Capacity]).Rows))
            .ToList();
    }
}
