using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;

namespace Pozytywka.Listening.Tests;

public class CacheDecisionPolicyTests
{
    private readonly CacheDecisionPolicy _policy = new(new CacheHintOptions());

    [Theory]
    [InlineData(0.65, "SLOW", CacheDecision.Prefetch)]
    [InlineData(0.65, "MEDIUM", CacheDecision.NoPrefetch)]
    [InlineData(0.65, "FAST", CacheDecision.NoPrefetch)]
    [InlineData(0.80, "FAST", CacheDecision.Prefetch)]
    [InlineData(0.70, null, CacheDecision.Prefetch)]
    [InlineData(0.70, "UNKNOWN", CacheDecision.Prefetch)]
    [InlineData(0.34, "SLOW", CacheDecision.Evict)]
    [InlineData(0.35, "SLOW", CacheDecision.NoPrefetch)]
    public void Slow_storage_is_prefetched_more_eagerly_and_likely_skips_are_evicted(double completion, string? storageClass, CacheDecision expected) =>
        Assert.Equal(expected, _policy.Decide(completion, storageClass));

    [Fact]
    public void A_prefetch_threshold_below_the_eviction_threshold_is_refused()
    {
        var options = new CacheHintOptions { EvictBelow = 0.5 };
        options.PrefetchAtOrAbove["SLOW"] = 0.4;

        var error = Assert.Throws<ArgumentException>(() => new CacheDecisionPolicy(options));
        Assert.Contains("SLOW", error.Message, StringComparison.Ordinal);
    }
}
