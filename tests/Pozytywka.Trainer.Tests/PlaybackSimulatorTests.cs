using Pozytywka.Contracts;
using Pozytywka.Trainer.Simulation;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Tests;

/// <summary>
/// The buffer-depth accounting on hand-made plays, computed by hand. Audio at 160 kbit/s on a 320 kbit/s link: the
/// player fetches 2 s of audio per second while the link is up. Start-up fetches 2 s before playing.
/// </summary>
public class PlaybackSimulatorTests
{
    private static readonly PlaybackSimulator Player = new(AudioKbps: 160, LinkKbps: 320);

    private static PrefetchPlan Buffer(double seconds) => new(PrefetchPlan.CurrentVersion, [new BufferStep(0, seconds)]);

    [Fact]
    public void On_a_link_that_never_fails_a_fixed_buffer_wastes_its_depth_and_never_stalls()
    {
        // Skipped at 20 s of a 100 s track with 4 s buffered ahead: 24 s fetched, 4 s wasted.
        Assert.Equal(new PlaybackResult(24, 20, 0, 0), Player.Play(100, 20, Buffer(4), LinkTrace.AlwaysUp()));
        // Heard to the end: the buffer stops at the track's end, nothing is wasted.
        Assert.Equal(new PlaybackResult(100, 100, 0, 0), Player.Play(100, 100, Buffer(4), LinkTrace.AlwaysUp()));
    }

    [Fact]
    public void Whole_track_prefetch_fetches_as_fast_as_the_link_allows_until_the_skip()
    {
        // 2 s at start-up, then 2 s of audio per second for the 20 s heard: 42 s fetched, 22 s wasted.
        Assert.Equal(new PlaybackResult(42, 20, 0, 0), Player.Play(100, 20, Buffer(double.PositiveInfinity), LinkTrace.AlwaysUp()));
    }

    [Fact]
    public void An_outage_longer_than_the_buffer_stalls_until_the_resume_threshold_is_refetched()
    {
        // Start-up ends at wall 1 s; from then the playhead is at wall − 1 with 4 s buffered. The link is down from
        // wall 11 to 21: the playhead (10 s) plays the buffer out at wall 15 and waits. At wall 21 the link is back,
        // 2 s are refetched in 1 s, and playback resumes at wall 22: one stall of 7 s.
        var outage = LinkTrace.WithOutages((11, 21));
        Assert.Equal(new PlaybackResult(100, 100, 7, 1), Player.Play(100, 100, Buffer(4), outage));

        // The whole track had 12 s buffered when the link went down: the 10 s outage costs nothing.
        Assert.Equal(new PlaybackResult(100, 100, 0, 0), Player.Play(100, 100, Buffer(double.PositiveInfinity), LinkTrace.WithOutages((11, 21))));
    }

    [Fact]
    public void A_plan_deepens_the_buffer_from_its_step_on()
    {
        // 4 s ahead until second 10 (fetched 14 s), then 30 s ahead: the link adds 1 s of lead per second of play, so by
        // the skip at 20 s the player holds 34 s. The step that reaches second 10 already fetches for the deeper buffer,
        // which adds a quarter second (one step's worth of play).
        var plan = new PrefetchPlan(PrefetchPlan.CurrentVersion, [new BufferStep(0, 4), new BufferStep(10, 30)]);
        Assert.Equal(new PlaybackResult(34.25, 20, 0, 0), Player.Play(100, 20, plan, LinkTrace.AlwaysUp()));
    }

    [Fact]
    public void Whole_track_and_on_demand_totals_reproduce_their_closed_forms()
    {
        // Without outages, for plays heard past the 2 s start-up: on-demand with a b-second buffer fetches
        // min(track, heard + b); whole track fetches min(track, 2 + 2 × heard). Neither stalls.
        var plays = Enumerable.Range(0, 40)
            .Select(i => new CachePlay($"p{i}", "SLOW", 1, 60 + 10 * (i % 7), i % 3 == 0 ? 60 + 10 * (i % 7) : 2 + 0.25 * (i * 13 % 200), 0.5, 0.75, BytesPerSecond: 20_000))
            .ToList();
        var player = new PlaybackSimulator(160, 320);
        foreach (var (policy, fetched) in new (BufferPolicy, Func<CachePlay, double>)[]
                 {
                     (BufferPolicy.Fixed(BufferDepthSimulation.OnDemandSeconds), p => Math.Min(p.TrackSeconds, p.HeardSeconds + BufferDepthSimulation.OnDemandSeconds)),
                     (BufferPolicy.WholeTrack(), p => Math.Min(p.TrackSeconds, 2 + 2 * p.HeardSeconds)),
                 })
        {
            var results = plays.Select(p => player.Play(p.TrackSeconds, p.HeardSeconds, policy.PlanFor(p), LinkTrace.AlwaysUp())).ToList();
            var totals = BufferTotals.Sum(policy.Name, plays, results, Enumerable.Range(0, plays.Count));
            Assert.Equal(plays.Sum(p => p.Bytes(fetched(p))), totals.FetchedBytes);
            Assert.Equal(plays.Sum(p => p.Bytes(fetched(p) - p.HeardSeconds)), totals.WastedBytes);
            Assert.Equal((0.0, 0), (totals.StallSeconds, totals.StalledPlays));
        }
    }

    [Fact]
    public void The_fixed_buffer_curve_is_read_between_its_points_at_a_stall_level()
    {
        BufferTotals Point(double stallSeconds, long wasted) => new("b", 1, 0, wasted, 0, 3600, stallSeconds, 1);
        // 900 ties 600 on stall with more waste and 350 at stall 9 is beaten by 300 at stall 8: neither is on the frontier.
        var frontier = BufferDepthSimulation.Frontier([Point(20, 100), Point(2, 900), Point(8, 300), Point(2, 600), Point(9, 350)]);
        Assert.Equal([(2.0, 600L), (8.0, 300L), (20.0, 100L)], frontier.Select(p => (p.StallSeconds, p.WastedBytes)));
        Assert.Equal(450, BufferDepthSimulation.WasteAtStall(frontier, 5), 9);
        Assert.Equal(600, BufferDepthSimulation.WasteAtStall(frontier, 1), 9);
        Assert.Equal(100, BufferDepthSimulation.WasteAtStall(frontier, 50), 9);
    }
}
