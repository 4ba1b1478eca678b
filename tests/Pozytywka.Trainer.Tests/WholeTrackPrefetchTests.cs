using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation;
using Pozytywka.Trainer.Simulation.Model;

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
    public void The_hints_as_configured_prefetch_at_the_expected_heard_share_and_their_share_of_heard_bytes_is_priced()
    {
        // At expected heard share >= 0.82: A (0.95) and D (0.85) are prefetched, C (0.8) and B (0.5) not; B (P(complete) 0.2) is evicted.
        // Heard: A 200 + D 50 of 370 = 250 / 370; wasted: D's 50 of 230.
        var priced = HintedPrefetch.Price("hand-made", Plays, new HintRule(WholeTrackAtOrAbove: 0.82, EvictBelow: 0.35, new PrefetchPlanOptions()));
        Assert.Equal(new PrefetchTotals(2, 250, 50, 1.0 * 50 / 100), priced.Totals);
        Assert.Equal((4, 1), (priced.PlayCount, priced.Evicted));
        Assert.Equal(250.0 / 370, priced.UsefulShare, 12);
        Assert.Equal(1 - 50.0 / 230, priced.WasteCut, 12);
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
    public void The_bound_takes_plays_by_the_share_really_heard_and_interpolates_the_play_that_crosses_the_target()
    {
        // Heard shares: A 1, C 1, D 0.5, B 0.1. Cumulative useful / wasted: A+C 300/0, D 350/50, B 370/230.
        var curve = WholeTrackPrefetch.Curve(Plays, PrefetchRanking.KnownHeardShare);
        Assert.Equal([1.0, 0.5, 0.1], curve.Select(p => p.Threshold));
        // 95 % of 370 = 351.5: all of D and 1.5 of B's 20 heard bytes, bringing 1.5 / 20 of its 180 unheard: 50 + 13.5 wasted.
        Assert.Equal(1 - (50 + 1.5 / 20 * 180) / 230, WholeTrackPrefetch.WasteCutInterpolated(curve, 0.95), 12);
        // 50 % of 370 = 185, inside the completed plays: no waste at all.
        Assert.Equal(1.0, WholeTrackPrefetch.WasteCutInterpolated(curve, 0.5), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void No_choice_of_whole_plays_keeping_the_useful_share_cuts_more_waste_than_the_bound(int seed)
    {
        var random = new Random(seed);
        var plays = Enumerable.Range(0, 12).Select(i =>
        {
            var track = random.Next(60, 300);
            var heard = random.NextDouble() < 0.6 ? track : random.Next(1, track);
            return new CachePlay($"p{i}", null, 0, track, heard, random.NextDouble(), random.NextDouble());
        }).ToList();
        var all = WholeTrackPrefetch.Totals(plays);

        var bestWasteCut = 0.0;
        for (var subset = 0; subset < 1 << plays.Count; subset++)
        {
            var chosen = WholeTrackPrefetch.Totals(plays.Where((_, i) => (subset & (1 << i)) != 0));
            if (chosen.UsefulBytes >= 0.95 * all.UsefulBytes)
                bestWasteCut = Math.Max(bestWasteCut, 1 - (double)chosen.WastedBytes / all.WastedBytes);
        }

        var bound = WholeTrackPrefetch.WasteCutInterpolated(WholeTrackPrefetch.Curve(plays, PrefetchRanking.KnownHeardShare), 0.95);
        Assert.True(bound >= bestWasteCut - 1e-12, $"bound {bound:P2}, best subset {bestWasteCut:P2}");
        Assert.True(bound - bestWasteCut < 0.5, $"bound {bound:P2} far above the best subset {bestWasteCut:P2}");
    }

    [Fact]
    public void The_random_order_classifier_takes_completed_plays_first_and_its_spread_covers_its_mean()
    {
        var cuts = RandomOrderClassifier.Cuts(Plays);
        // 95 % of 370 needs B or D beyond A and C: D alone gives 350 (94.6 %), so both skips are needed whatever the order.
        Assert.Equal(0.0, cuts.MeanAt95PctUseful, 12);
        // 90 % (333) needs one skip: D (waste 50) or B (waste 180, 320 useful: not enough, so then D too) — orders give 1 − 50/230 or 0.
        Assert.InRange(cuts.MeanAt90PctUseful, 0, 1 - 50 / 230.0);
        Assert.InRange(cuts.MeanAt90PctUseful, cuts.At90PctUseful.Low, cuts.At90PctUseful.High);
        Assert.Equal(RandomOrderClassifier.Orderings, cuts.Orderings);
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
