using Pozytywka.Contracts;

namespace Pozytywka.Listening.Hints;

/// <summary>
/// Turns a completion probability and the track's storage class into a cache decision, and the skip probability
/// with the bundle's skip-time curve into the hint's prefetch plan.
/// </summary>
public sealed class CacheDecisionPolicy
{
    private readonly CacheHintOptions _options;
    private readonly PrefetchPlanner _planner;

    public CacheDecisionPolicy(CacheHintOptions options)
    {
        foreach (var (storageClass, threshold) in options.PrefetchAtOrAbove.Append(KeyValuePair.Create("default", options.DefaultPrefetchAtOrAbove)))
        {
            if (threshold is < 0 or > 1 || threshold < options.EvictBelow)
                throw new ArgumentException($"prefetch threshold {threshold} for {storageClass} must lie in [{options.EvictBelow}, 1] (at or above the eviction threshold)", nameof(options));
        }
        _options = options;
        _planner = new PrefetchPlanner(options.Plan);
    }

    public CacheDecision Decide(double completionProbability, string? storageClass)
    {
        var prefetchAt = storageClass is not null && _options.PrefetchAtOrAbove.TryGetValue(storageClass, out var byClass)
            ? byClass
            : _options.DefaultPrefetchAtOrAbove;
        if (completionProbability >= prefetchAt)
            return CacheDecision.Prefetch;
        return completionProbability < _options.EvictBelow ? CacheDecision.Evict : CacheDecision.NoPrefetch;
    }

    /// <summary>The plan for a track of known duration scored by a bundle with a skip-time curve; null otherwise.</summary>
    public PrefetchPlan? PlanFor(double skipProbability, double? trackSeconds, SkipTimeCurve? skipTimes) =>
        skipTimes is null || trackSeconds is not > 0 ? null : _planner.Plan(skipProbability, trackSeconds.Value, skipTimes);
}
