using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;

namespace Pozytywka.Listening.Tests;

public class CacheDecisionPolicyTests
{
    // A bundle's points: 0.90 of the useful bytes at expected heard share >= 0.80, 0.95 at >= 0.70, 0.99 at >= 0.40.
    private static readonly HintOperatingPoints Points = new("hand-made", 100,
        [new OperatingPoint(0.90, 0.80), new OperatingPoint(0.95, 0.70), new OperatingPoint(0.99, 0.40)]);

    private static readonly SkipTimeCurve Uniform = SkipTimeCurve.Learn([]);

    [Theory]
    [InlineData(0.9, 0.70, CacheDecision.Prefetch)]
    [InlineData(0.9, 0.69, CacheDecision.NoPrefetch)]
    [InlineData(0.34, 0.69, CacheDecision.Evict)]
    [InlineData(0.35, 0.69, CacheDecision.NoPrefetch)]
    [InlineData(0.10, 0.75, CacheDecision.Prefetch)]
    public void The_bundles_point_for_the_configured_share_decides_and_likely_skips_not_prefetched_are_evicted(double completion, double expectedHeard,
        CacheDecision expected)
    {
        var rule = new CacheDecisionPolicy(new CacheHintOptions()).RuleFor(Points, Uniform, "hand-made");
        Assert.Equal(expected, rule.Decide(completion, expectedHeard));
    }

    [Theory]
    [InlineData(0.90, 0.80)]
    [InlineData(0.91, 0.70)]
    [InlineData(0.99, 0.40)]
    public void A_share_between_two_points_takes_the_point_that_keeps_at_least_as_much(double share, double threshold) =>
        Assert.Equal(threshold, new CacheDecisionPolicy(new CacheHintOptions { KeepUsefulShare = share }).RuleFor(Points, Uniform, "b").WholeTrackAtOrAbove);

    [Fact]
    public void The_bundles_plan_is_used_unless_one_is_configured_and_a_bundle_without_one_gets_the_default()
    {
        var bundlePlan = new PrefetchPlanOptions { MinBufferSeconds = 10, MaxBufferSeconds = 120, HeardProbability = 0.8 };
        var configured = new PrefetchPlanOptions { MinBufferSeconds = 20, MaxBufferSeconds = 60, HeardProbability = 0.9 };

        Assert.Same(bundlePlan, new CacheDecisionPolicy(new CacheHintOptions()).RuleFor(Points with { Plan = bundlePlan }, Uniform, "b").Plan);
        Assert.Same(configured, new CacheDecisionPolicy(new CacheHintOptions { Plan = configured }).RuleFor(Points with { Plan = bundlePlan }, Uniform, "b").Plan);
        var fallback = new CacheDecisionPolicy(new CacheHintOptions()).RuleFor(Points, Uniform, "b").Plan;
        Assert.Equal((30.0, 60.0, 0.95), (fallback.MinBufferSeconds, fallback.MaxBufferSeconds, fallback.HeardProbability));
    }

    [Fact]
    public void An_override_replaces_every_bundles_point_and_a_bundle_without_points_needs_one()
    {
        var overridden = new CacheDecisionPolicy(new CacheHintOptions { WholeTrackAtOrAbove = 0.5 });
        Assert.Equal(0.5, overridden.RuleFor(Points, Uniform, "b").WholeTrackAtOrAbove);
        Assert.Equal(0.5, overridden.RuleFor(null, Uniform, "b").WholeTrackAtOrAbove);

        var error = Assert.Throws<InvalidDataException>(() => new CacheDecisionPolicy(new CacheHintOptions()).RuleFor(null, Uniform, "old@v1"));
        Assert.Contains("old@v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("WholeTrackAtOrAbove", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => overridden.RuleFor(Points, null, "b"));
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(1.0)]
    public void A_share_no_bundle_holds_a_point_for_is_refused(double share)
    {
        var error = Assert.Throws<ArgumentException>(() => new CacheDecisionPolicy(new CacheHintOptions { KeepUsefulShare = share }));
        Assert.Contains("KeepUsefulShare", error.Message, StringComparison.Ordinal);
    }
}
