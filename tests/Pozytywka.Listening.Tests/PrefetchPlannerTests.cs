using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;

namespace Pozytywka.Listening.Tests;

public class PrefetchPlannerTests
{
    /// <summary>Skips spread evenly over the track: F(x) = x.</summary>
    private static readonly SkipTimeCurve Uniform = SkipTimeCurve.Learn([], bins: 10);

    [Fact]
    public void The_skip_time_curve_is_the_share_of_skips_by_each_fraction_heard()
    {
        // Skips at 10 %, 10 %, 30 % and 90 % of the track, in tenths: half by 20 %, three quarters by 40 %.
        var curve = SkipTimeCurve.Learn([0.1, 0.1, 0.3, 0.9], bins: 10);
        Assert.Equal([0, 0, 0.5, 0.5, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 1], curve.SkippedByFraction);
        Assert.Equal(0.25, curve.SkippedBy(0.15), 12);
        Assert.Equal(0.9, curve.FractionWhereSkipped(0.75), 12);
        Assert.Equal(0.15, curve.FractionWhereSkipped(0.25), 12);
        // A listener certain to skip (p = 1) who has heard 20 % still listens at 40 % with (1 − 0.75) / (1 − 0.5).
        Assert.Equal(0.5, curve.StillListening(1, 0.2, 0.4), 12);
    }

    [Fact]
    public void Where_a_share_of_skips_is_reached_is_the_largest_fraction_at_which_the_curve_has_not_passed_it()
    {
        // Flat stretches, a jump and both ends: F(x) ≤ share up to the answer and above it just after.
        var curve = SkipTimeCurve.Learn([0.1, 0.1, 0.3, 0.9], bins: 10);
        foreach (var share in Enumerable.Range(0, 101).Select(i => i / 100.0))
        {
            var x = curve.FractionWhereSkipped(share);
            Assert.True(curve.SkippedBy(x) <= share + 1e-12, $"F({x}) passes {share}");
            if (x < 1)
                Assert.True(curve.SkippedBy(x + 1e-9) > share, $"F stays at or below {share} after {x}");
        }
        Assert.Equal(0.3, curve.FractionWhereSkipped(0.5), 12); // F stays at 0.5 from 0.2 to 0.3: the flat stretch is crossed whole
    }

    [Fact]
    public void A_learned_curve_is_a_valid_cumulative_share_whatever_the_rounding()
    {
        // Nine ninths add up to a little more than 1 in binary; the curve must still end at 1 without falling.
        var curve = SkipTimeCurve.Learn(Enumerable.Range(0, 9).Select(i => 0.05 + i * 0.1));
        curve.Validate();
        Assert.Equal(1, curve.SkippedByFraction[^1]);
    }

    [Fact]
    public void A_certain_completion_gets_the_deep_buffer_from_the_start()
    {
        var planner = new PrefetchPlanner(new PrefetchPlanOptions { MinBufferSeconds = 4, MaxBufferSeconds = 60, HeardProbability = 0.8 });
        Assert.Equal([new BufferStep(0, 60)], planner.Plan(0, 200, Uniform).Steps);
    }

    [Fact]
    public void A_certain_skip_buffers_only_what_is_heard_with_the_configured_probability()
    {
        // p = 1, F(x) = x, q = 0.8: having heard h, still listening at x with (1 − x) / (1 − h) ≥ 0.8, so the buffer
        // reaches x = 0.2 + 0.8 h: 20 − 20 h seconds of a 100 s track, never under the 4 s minimum.
        var planner = new PrefetchPlanner(new PrefetchPlanOptions { MinBufferSeconds = 4, MaxBufferSeconds = 60, HeardProbability = 0.8 });
        var plan = planner.Plan(1, 100, Uniform);
        Assert.Equal(PrefetchPlan.CurrentVersion, plan.Version);
        Assert.Equal(Enumerable.Range(0, 17).Select(k => new BufferStep(5 * k, Math.Max(4, 20 - k))), plan.Steps);
        Assert.Equal(20, plan.BufferAheadAt(0));
        Assert.Equal(18, plan.BufferAheadAt(12.5));
        Assert.Equal(4, plan.BufferAheadAt(99));
    }

    [Fact]
    public void Options_that_cannot_make_a_plan_are_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new PrefetchPlanner(new PrefetchPlanOptions { MinBufferSeconds = 30, MaxBufferSeconds = 10 }));
        Assert.Contains("MinBufferSeconds", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PrefetchPlanner(new PrefetchPlanOptions { HeardProbability = 0 }));
    }
}
