using Pozytywka.Contracts;

namespace Pozytywka.Listening.Hints;

/// <summary>
/// A bundle's rule as configured: whole track at or above an expected heard share, eviction below a completion
/// probability, and the prefetch plan hints carry.
/// </summary>
public sealed record HintRule(double WholeTrackAtOrAbove, double EvictBelow, PrefetchPlanOptions Plan)
{
    private readonly PrefetchPlanner _planner = new(Plan);

    public CacheDecision Decide(double completionProbability, double expectedHeardShare)
    {
        if (expectedHeardShare >= WholeTrackAtOrAbove)
            return CacheDecision.Prefetch;
        return completionProbability < EvictBelow ? CacheDecision.Evict : CacheDecision.NoPrefetch;
    }

    /// <summary>The plan for a track of known duration; null otherwise.</summary>
    public PrefetchPlan? PlanFor(double skipProbability, double? trackSeconds, SkipTimeCurve skipTimes) =>
        trackSeconds is not > 0 ? null : _planner.Plan(skipProbability, trackSeconds.Value, skipTimes);
}

/// <summary>
/// Turns a bundle's scores into cache decisions as configured: the <see cref="HintRule"/> for a bundle (its operating
/// point for <see cref="CacheHintOptions.KeepUsefulShare"/> and its plan, unless overridden). The processor hints with
/// it and <c>simulate-cache</c> prices it: one implementation.
/// </summary>
public sealed class CacheDecisionPolicy
{
    private readonly CacheHintOptions _options;

    public CacheDecisionPolicy(CacheHintOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>
    /// The rule for a bundle with these operating points and skip times; throws when the bundle has no skip times (its
    /// plays have no expected heard share) or no points while nothing overrides them.
    /// </summary>
    public HintRule RuleFor(HintOperatingPoints? points, SkipTimeCurve? skipTimes, string bundle)
    {
        if (skipTimes is null)
            throw new InvalidDataException($"bundle {bundle} has no {SkipTimeCurve.BundleFile} (trained before skip times), so its plays have no expected heard share: train it again");
        var threshold = _options.WholeTrackAtOrAbove ?? points?.WholeTrackAtOrAbove(_options.KeepUsefulShare)
            ?? throw new InvalidDataException($"bundle {bundle} has no {HintOperatingPoints.BundleFile} (trained before operating points): " +
                $"train it again, or set {CacheHintOptions.SectionName}:WholeTrackAtOrAbove");
        return new HintRule(threshold, _options.EvictBelow, _options.Plan ?? points?.Plan ?? new PrefetchPlanOptions());
    }
}
