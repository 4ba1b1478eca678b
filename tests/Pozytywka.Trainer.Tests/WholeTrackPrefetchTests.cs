using Pozytywka.Trainer.Simulation;

namespace Pozytywka.Trainer.Tests;

/// <summary>The prefetch accounting on four hand-made plays, computed by hand (1 byte per second of audio).</summary>
public class WholeTrackPrefetchTests
{
    // A completes a 200 s track; B is skipped 20 s into a 200 s track; C completes 100 s; D is skipped at 50 of 100 s.
    private static readonly CachePlay[] Plays =
    [
        new("A", "SLOW", 2.0, 200, 200, 0.9),
        new("B", "SLOW", 2.0, 200, 20, 0.2),
        new("C", "FAST", 1.0, 100, 100, 0.7),
        new("D", "FAST", 1.0, 100, 50, 0.6),
    ];

    [Fact]
    public void Always_prefetch_fetches_every_track_and_wastes_what_the_skips_left_unheard()
    {
        var always = WholeTrackPrefetch.Totals(Plays);
        Assert.Equal(new PrefetchTotals(4, 370, 230, 2.0 * 180 / 200 + 1.0 * 50 / 100), always);
        Assert.Equal(new PrefetchTotals(0, 0, 0, 0), WholeTrackPrefetch.Apply(Plays, 0.95));
        Assert.Equal(new PrefetchTotals(2, 300, 0, 0), WholeTrackPrefetch.Apply(Plays, 0.7));
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
        var curve = WholeTrackPrefetch.Curve(Plays);
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
    public void Plays_with_the_same_probability_enter_the_curve_together()
    {
        CachePlay[] tied = [new("A", null, 0, 100, 100, 0.5), new("B", null, 0, 100, 10, 0.5), new("C", null, 0, 100, 100, 0.8)];
        var curve = WholeTrackPrefetch.Curve(tied);
        Assert.Equal(2, curve.Count);
        Assert.Equal((0.5, 1.0, 1.0), (curve[1].Threshold, curve[1].UsefulShare, curve[1].WasteShare));
    }
}
