using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Tests;

/// <summary>How far into a track a listener's past skips came, and the share of a track a play is expected to be heard.</summary>
public class SkipTimingTests
{
    private static readonly Track Song = new("t", "", null, Enumerable.Repeat(0.5, TrackProperties.Count).ToArray());

    [Fact]
    public void The_history_sums_the_shares_heard_at_the_skips_it_holds_and_forgets_them_as_plays_roll_out()
    {
        var history = new ListenerHistory(3);
        history.Add(Song, skipped: true, heardAtSkip: 0.25f);
        history.Add(Song, skipped: false, heardAtSkip: 0.9f); // a completion's share is not a skip's
        history.Add(Song, skipped: true, heardAtSkip: 1.4f); // clamped to the whole track
        Assert.Equal(new SkipTiming(2, 12_500), history.SkipTiming);

        history.Add(Song, skipped: true); // replaces the first skip; its own share is unknown
        Assert.Equal(new SkipTiming(1, 10_000), history.SkipTiming);
        history.Add(Song, skipped: true, heardAtSkip: 0.6f);
        Assert.Equal(new SkipTiming(2, 16_000), history.SkipTiming);
    }

    [Fact]
    public void A_history_restored_from_its_slots_holds_the_same_timing_and_slots_written_before_it_was_kept_count_for_nothing()
    {
        var live = new ListenerHistory(4);
        foreach (var (skipped, heard) in new[] { (true, 0.1f), (false, 1f), (true, 0.35f), (true, 0.8f), (false, 1f), (true, 0.55f) })
            live.Add(Song, skipped, heard);
        var restored = new ListenerHistory(4);
        restored.Restore(live.Next, live.Count, Enumerable.Range(0, live.Count).ToDictionary(slot => slot, live.Slot));
        Assert.Equal(live.SkipTiming, restored.SkipTiming);
        Assert.Equal(new SkipTiming(3, 3_500 + 8_000 + 5_500), restored.SkipTiming);

        var old = new ListenerHistory(4);
        old.Restore(2, 2, new Dictionary<int, HistorySlot> { [0] = new(live.Slot(0).Values, Skipped: true), [1] = live.Slot(2) });
        Assert.Equal(new SkipTiming(1, 3_500), old.SkipTiming); // slot 2 holds the skip at 0.35
        Assert.Equal(2, old.Skips);
    }

    [Fact]
    public void A_listeners_mean_shrinks_towards_the_prior_by_pseudo_skips()
    {
        Assert.Equal(0.57, SkipTiming.None.MeanHeard(0.57, 5), 12);
        // Five skips at 0.7 on average and five pseudo-skips at 0.5: (3.5 + 2.5) / 10.
        Assert.Equal(0.6, new SkipTiming(5, 35_000).MeanHeard(0.5, 5), 12);
    }

    [Fact]
    public void The_skip_time_curves_mean_share_heard_is_the_area_above_it()
    {
        Assert.Equal(0.5, SkipTimeCurve.Learn([]).MeanFractionHeard, 12);
        // Both skips in the first half of two bins: F = 0, 1, 1, so 1 − F averages (0.5 + 0) / 2.
        Assert.Equal(0.25, SkipTimeCurve.Learn([0.2, 0.3], bins: 2).MeanFractionHeard, 12);
    }

    [Fact]
    public void The_expected_heard_share_is_the_completion_probability_plus_the_rest_at_the_listeners_skip_point()
    {
        var uniform = SkipTimeCurve.Learn([]); // mean 0.5
        var lateSkipper = new SkipTiming(5, 35_000); // shrunk mean 0.6
        Assert.Equal(0.4 + 0.6 * 0.6, ExpectedHeard.Share(0.4, lateSkipper, uniform), 12);
        Assert.Equal(0.4 + 0.6 * 0.5, ExpectedHeard.Share(0.4, SkipTiming.None, uniform), 12);
        Assert.Equal(1.0, ExpectedHeard.Share(1.0, lateSkipper, uniform), 12);
    }

    [Fact]
    public void The_timeline_learns_a_skips_heard_share_from_the_skip_time_and_the_tracks_duration()
    {
        var properties = Enumerable.Repeat(0.5, TrackProperties.Count).ToArray();
        properties[(int)TrackProperty.DurationMs] = 120_000;
        var minutesLong = new Track("two-minutes", "", null, properties);
        var catalog = new Catalog.Catalog(new Dictionary<string, Track> { [minutesLong.Id] = minutesLong }, new Dictionary<string, Artist>(),
            new Dictionary<string, TrackStorage>(), new Dictionary<long, Listener>());
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        SessionEvent At(double seconds, SessionEventType type, string? track) => new(t0.AddSeconds(seconds), 7, track, type, 1);
        SessionEvent[] events =
        [
            At(0, SessionEventType.Play, minutesLong.Id),
            At(30, SessionEventType.Skip, minutesLong.Id), // a quarter heard
            At(30, SessionEventType.Play, "not-in-catalog"),
            At(40, SessionEventType.Skip, "not-in-catalog"), // no duration: no share
            At(40, SessionEventType.Play, minutesLong.Id),
        ];
        var timeline = new ListeningTimeline(catalog);
        var output = new List<PlayTransition>();
        foreach (var e in events)
            timeline.Feed(e, output);

        var last = output.OfType<PlayToScore>().Last().Listener;
        Assert.Equal((2, new SkipTiming(1, 2_500)), (last.SkipsBefore, last.SkipTiming));
    }
}
