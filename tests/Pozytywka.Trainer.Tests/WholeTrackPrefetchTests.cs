using Pozytywka.Trainer.Simulation;

namespace Pozytywka.Trainer.Tests;

/// <summary>The prefetch accounting on four hand-made plays, computed by hand (1 byte per second of audio).</summary>
public class WholeTrackPrefetchTests
{
    // A completes a 200 s track; B is skipped 20 s into a 200 s track; C completes 100 s; D is skipped at 50 of 100 s.
    // By completion probability the order is A, C, D, B; by expected heard share (D's listener skips late) A, D, C, B.
    private static readonly CachePlay[] Plays =
    [
        new("A", "SLOW", 2.0, 200, 200, 0.9, 0.95),
        new("B", "SLOW", 2.0, 200, 20, 0.2, 0.5),
        new("C", "FAST", 1.0, 100, 100, 0.7, 0.8),
        new("D", "FAST", 1.0, 100, 50, 0.6, 0.85),
    ];

    private const PrefetchRanking ByCompletion = PrefetchRanking.CompletionProbability;

    [Fact]
    public void Always_prefetch_fetches_every_track_and_wastes_what_the_skips_left_unheard()
    {
        var always = WholeTrackPrefetch.Totals(Plays);
        Assert.Equal(new PrefetchTotals(4, 370, 230, 2.0 * 180 / 200 + 1.0 * 50 / 100), always);
        Assert.Equal(new PrefetchTotals(0, 0, 0, 0), WholeTrackPrefetch.Apply(Plays, ByCompletion, 0.95));
        Assert.Equal(new PrefetchTotals(2, 300, 0, 0), WholeTrackPrefetch.Apply(Plays, ByCompletion, 0.7));
        Assert.Equal(new PrefetchTotals(3, 350, 50, 1.0 * 50 / 100), WholeTrackPrefetch.Apply(Plays, PrefetchRanking.ExpectedHeardShare, 0.8));
    }

    [Fact]
    public void Todays_hint_policy_prefetches_by_storage_class_threshold()
    {
        // Default thresholds: SLOW 0.6, FAST 0.8. A (SLOW 0.9) yes, B (SLOW 0.2) no, C (FAST 0.7) no, D (FAST 0.6) no.
        var policy = new Pozytywka.Listening.Hints.CacheDecisionPolicy(new Pozytywka.Listening.Hints.CacheHintOptions());
        Assert.Equal(new PrefetchTotals(1, 200, 0, 0), WholeTrackPrefetch.Hinted(Plays, policy));

        // With SLOW at 0.15 B is prefetched too: its 180 unheard bytes cost 2.0 × 180 / 200.
        var loose = new Pozytywka.Listening.Hints.CacheDecisionPolicy(new Pozytywka.Listening.Hints.CacheHintOptions
        {
            EvictBelow = 0.1,
            PrefetchAtOrAbove = new(StringComparer.OrdinalIgnoreCase) { ["SLOW"] = 0.15, ["FAST"] = 0.8 },
        });
        Assert.Equal(new PrefetchTotals(2, 220, 180, 2.0 * 180 / 200), WholeTrackPrefetch.Hinted(Plays, loose));
    }

    [Fact]
    public void The_curve_adds_plays_by_completion_probability_and_the_cuts_read_off_it()
    {
        // Cumulative useful / wasted: A 200/0, C 300/0, D 350/50, B 370/230, of 370 and 230.
        var curve = WholeTrackPrefetch.Curve(Plays, ByCompletion);
        Assert.Equal([0.9, 0.7, 0.6, 0.2], curve.Select(p => p.Threshold));
        Assert.Equal([200 / 370.0, 300 / 370.0, 350 / 370.0, 1.0], curve.Select(p => p.UsefulShare));
        Assert.Equal([0.0, 0.0, 50 / 230.0, 1.0], curve.Select(p => p.WasteShare));

        // 90 % of 370 is 333: D's point (350) keeps it, wasting 50 of 230. 95 % (351.5) needs B and all its waste.
        Assert.Equal(1 - 50 / 230.0, WholeTrackPrefetch.WasteCutKeeping(curve, 0.90), 12);
        Assert.Equal(0.0, WholeTrackPrefetch.WasteCutKeeping(curve, 0.95), 12);
        Assert.Equal(0.6, WholeTrackPrefetch.ThresholdKeeping(curve, 0.90));
        Assert.Equal(0.2, WholeTrackPrefetch.ThresholdKeeping(curve, 0.95));
    }

    [Fact]
    public void Ranked_by_expected_heard_share_a_late_skip_comes_before_an_uncertain_completion()
    {
        // Cumulative useful / wasted: A 200/0, D 250/50, C 350/50, B 370/230. 90 % (333) is reached at C: 50 of 230 wasted,
        // as by completion probability; 60 % (222) at D, wasting 50 where completion order reaches it with C at no waste.
        var curve = WholeTrackPrefetch.Curve(Plays, PrefetchRanking.ExpectedHeardShare);
        Assert.Equal([0.95, 0.85, 0.8, 0.5], curve.Select(p => p.Threshold));
        Assert.Equal([200 / 370.0, 250 / 370.0, 350 / 370.0, 1.0], curve.Select(p => p.UsefulShare));
        Assert.Equal([0.0, 50 / 230.0, 50 / 230.0, 1.0], curve.Select(p => p.WasteShare));
        Assert.Equal(1 - 50 / 230.0, WholeTrackPrefetch.WasteCutKeeping(curve, 0.90), 12);
        Assert.Equal(1 - 50 / 230.0, WholeTrackPrefetch.WasteCutKeeping(curve, 0.60), 12);
        Assert.Equal(1.0, WholeTrackPrefetch.WasteCutKeeping(WholeTrackPrefetch.Curve(Plays, ByCompletion), 0.60), 12);
    }

    [Fact]
    public void The_known_outcome_ceiling_takes_every_completed_play_first_and_the_skips_after_them_one_by_one()
    {
        var curve = WholeTrackPrefetch.Curve(Plays, PrefetchRanking.KnownOutcome);
        Assert.Equal((1.0, 300 / 370.0, 0.0), (curve[0].Threshold, curve[0].UsefulShare, curve[0].WasteShare));
        Assert.Equal(3, curve.Count);
        Assert.All(curve.Skip(1), p => Assert.InRange(p.Threshold, 0, 1 - 1e-12));
        Assert.Equal((1.0, 1.0), (curve[^1].UsefulShare, curve[^1].WasteShare));
        Assert.Equal(curve, WholeTrackPrefetch.Curve(Plays.Reverse().ToList(), PrefetchRanking.KnownOutcome));
    }

    [Fact]
    public void Plays_with_the_same_probability_enter_the_curve_together()
    {
        CachePlay[] tied = [new("A", null, 0, 100, 100, 0.5, 0.5), new("B", null, 0, 100, 10, 0.5, 0.5), new("C", null, 0, 100, 100, 0.8, 0.8)];
        var curve = WholeTrackPrefetch.Curve(tied, ByCompletion);
        Assert.Equal(2, curve.Count);
        Assert.Equal((0.5, 1.0, 1.0), (curve[1].Threshold, curve[1].UsefulShare, curve[1].WasteShare));
    }
}
