using Pozytywka.Contracts;
using Pozytywka.Listening.Plays;

namespace Pozytywka.Listening.Tests;

public class PlayReconstructorTests
{
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);

    private static SessionEvent E(double seconds, SessionEventType type, string? track = null, long session = 1, long user = 101) =>
        new(T0.AddSeconds(seconds), user, type.RefersToTrack() ? track : null, type, session);

    private static List<PlayTransition> Replay(IEnumerable<SessionEvent> events, bool flush = true)
    {
        var reconstructor = new PlayReconstructor(id => id == "long" ? 300 : 200);
        var output = new List<PlayTransition>();
        foreach (var e in events)
            reconstructor.Feed(e, output);
        if (flush)
            reconstructor.Flush(output);
        return output;
    }

    private static List<PlayClosed> Closed(List<PlayTransition> transitions) => transitions.OfType<PlayClosed>().ToList();

    [Fact]
    public void A_skip_and_the_next_play_at_the_same_timestamp_close_and_open_in_arrival_order()
    {
        var plays = Closed(Replay([
            E(0, SessionEventType.Play, "a"),
            E(30, SessionEventType.Skip, "a"),
            E(30, SessionEventType.Play, "b"),
        ]));

        Assert.Equal(2, plays.Count);
        Assert.True(plays[0].Outcome.Skipped);
        Assert.Equal(PlayClosedBy.Skip, plays[0].Outcome.ClosedBy);
        Assert.Equal(30, plays[0].Outcome.SecondsPlayed);
        Assert.False(plays[1].Outcome.Skipped);
        Assert.Equal(2, plays[1].Play.Position);
        Assert.Equal(1, plays[1].Play.SkipsSoFar);
        Assert.True(plays[1].Play.PreviousSkipped);
        Assert.Equal(0, plays[1].Play.SecondsSincePreviousEvent);
    }

    [Fact]
    public void A_next_play_completes_the_previous_one()
    {
        var plays = Closed(Replay([E(0, SessionEventType.Play, "a"), E(200, SessionEventType.Play, "b")], flush: false));

        var first = Assert.Single(plays);
        Assert.False(first.Outcome.Skipped);
        Assert.Equal(PlayClosedBy.NextPlay, first.Outcome.ClosedBy);
        Assert.Equal(200, first.Outcome.SecondsPlayed);
    }

    [Fact]
    public void A_like_then_a_skip_is_a_skipped_play_liked_while_playing()
    {
        var play = Assert.Single(Closed(Replay([
            E(0, SessionEventType.Play, "a"),
            E(10, SessionEventType.Like, "a"),
            E(20, SessionEventType.Skip, "a"),
        ])));

        Assert.True(play.Outcome.Skipped);
        Assert.True(play.Outcome.LikedWhilePlaying);
    }

    [Fact]
    public void An_advertisement_marks_only_the_play_right_after_it()
    {
        var started = Replay([
            E(0, SessionEventType.Play, "a"),
            E(200, SessionEventType.Advertisement),
            E(230, SessionEventType.Play, "b"),
            E(430, SessionEventType.Play, "c"),
        ]).OfType<PlayStarted>().Select(s => s.Play).ToList();

        Assert.Equal([false, true, false], started.Select(p => p.AdvertisementBefore));
        Assert.Equal(30, started[1].SecondsSincePreviousEvent);
        Assert.Equal(230, started[1].SecondsSinceSessionStart);
    }

    [Fact]
    public void A_play_open_at_session_end_completes_with_its_track_duration()
    {
        var play = Assert.Single(Closed(Replay([E(0, SessionEventType.Play, "long"), E(50, SessionEventType.Like, "long")])));

        Assert.False(play.Outcome.Skipped);
        Assert.Equal(PlayClosedBy.SessionEnd, play.Outcome.ClosedBy);
        Assert.Equal(300, play.Outcome.SecondsPlayed);
        Assert.True(play.Outcome.LikedWhilePlaying);
    }

    [Fact]
    public void A_listener_starting_another_session_ends_the_previous_one()
    {
        var transitions = Replay([
            E(0, SessionEventType.Play, "a", session: 1),
            E(5000, SessionEventType.Play, "b", session: 2),
        ], flush: false);

        var closed = Assert.Single(Closed(transitions));
        Assert.Equal(PlayClosedBy.SessionEnd, closed.Outcome.ClosedBy);
        Assert.Equal(1, transitions.OfType<PlayStarted>().Last().Play.Position);
    }

    [Fact]
    public void A_skip_with_nothing_playing_is_a_fault_and_changes_nothing()
    {
        var transitions = Replay([
            E(0, SessionEventType.Skip, "a"),
            E(1, SessionEventType.Play, "b"),
            E(2, SessionEventType.Skip, "c"),
        ]);

        Assert.Equal([PlayFaultKind.SkipWithoutPlay, PlayFaultKind.SkipOfOtherTrack], transitions.OfType<PlayFault>().Select(f => f.Kind));
        var play = Assert.Single(Closed(transitions));
        Assert.False(play.Outcome.Skipped);
        Assert.Equal(0, play.Play.SkipsSoFar);
    }

    [Fact]
    public void Events_for_an_ended_session_are_faults_not_new_plays()
    {
        var transitions = Replay([
            E(0, SessionEventType.Play, "a", session: 1),
            E(10, SessionEventType.Play, "b", session: 2),
            E(20, SessionEventType.Play, "c", session: 1),
        ]);

        Assert.Equal(PlayFaultKind.EventAfterSessionEnd, Assert.Single(transitions.OfType<PlayFault>()).Kind);
        Assert.Equal(2, transitions.OfType<PlayStarted>().Count());
    }

    [Fact]
    public void Play_ids_are_unique_and_stable_across_replays()
    {
        SessionEvent[] events = [
            E(0, SessionEventType.Play, "a"), E(5, SessionEventType.Skip, "a"), E(5, SessionEventType.Play, "a"),
            E(0, SessionEventType.Play, "x", session: 2, user: 102),
        ];
        var first = Replay(events).OfType<PlayClosed>().Select(p => p.Play.PlayId).ToList();
        var second = Replay(events).OfType<PlayClosed>().Select(p => p.Play.PlayId).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void A_session_ends_once_another_listeners_event_is_the_idle_timeout_past_its_last()
    {
        var reconstructor = new PlayReconstructor(_ => 200);
        var output = new List<PlayTransition>();
        reconstructor.Feed(E(0, SessionEventType.Play, "a"), output);
        reconstructor.Feed(E(60, SessionEventType.Like, "a"), output);

        Assert.Empty(reconstructor.Feed(E(60 + 29 * 60, SessionEventType.Play, "x", session: 2, user: 102), output));
        Assert.Empty(Closed(output));

        Assert.Equal([101L], reconstructor.Feed(E(60 + 30 * 60, SessionEventType.Advertisement, session: 2, user: 102), output));
        var ended = Assert.Single(Closed(output)).Outcome;
        Assert.Equal((PlayClosedBy.SessionEnd, T0.AddSeconds(60), 200.0), (ended.ClosedBy, ended.ClosedAt, ended.SecondsPlayed));
        Assert.Equal(1, reconstructor.OpenSessionCount);
    }

    [Fact]
    public void An_event_of_a_session_ended_for_idleness_is_late()
    {
        var output = Replay([
            E(0, SessionEventType.Play, "a"),
            E(31 * 60, SessionEventType.Play, "x", session: 2, user: 102),
            E(100, SessionEventType.Skip, "a"),
        ], flush: false);

        Assert.Equal(PlayFaultKind.EventAfterSessionEnd, Assert.Single(output.OfType<PlayFault>()).Kind);
        Assert.False(Assert.Single(Closed(output)).Outcome.Skipped);
    }

    [Fact]
    public void A_listener_replayed_from_the_past_neither_ends_the_sessions_ahead_of_them_nor_is_ended_between_their_own_events()
    {
        // Exports list each listener's events together: listener 101's day comes after listener 102's later one.
        var reconstructor = new PlayReconstructor(_ => 200);
        var output = new List<PlayTransition>();
        reconstructor.Feed(E(86_400, SessionEventType.Play, "x", session: 2, user: 102), output);
        reconstructor.Feed(E(0, SessionEventType.Play, "a"), output);
        reconstructor.Feed(E(120, SessionEventType.Skip, "a"), output);
        reconstructor.Feed(E(120, SessionEventType.Play, "b"), output);
        reconstructor.Feed(E(3600, SessionEventType.Play, "y", session: 3, user: 103), output);
        Assert.Equal(2, reconstructor.OpenSessionCount);

        Assert.Equal([103L, 102L], reconstructor.Feed(E(86_400 + 3600, SessionEventType.Play, "z", session: 4, user: 104), output));

        Assert.Empty(output.OfType<PlayFault>());
        var closed = Closed(output).Select(c => (c.Play.TrackId, c.Outcome.ClosedBy)).ToList();
        Assert.Equal([("a", PlayClosedBy.Skip), ("b", PlayClosedBy.SessionEnd), ("y", PlayClosedBy.SessionEnd), ("x", PlayClosedBy.SessionEnd)], closed);
    }
}
