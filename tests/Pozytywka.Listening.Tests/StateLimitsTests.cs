using Pozytywka.Contracts;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;
using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Tests;

/// <summary>Per-partition state stays within its limits, dropping the least recently active entries.</summary>
public class StateLimitsTests
{
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);

    private static SessionEvent E(double seconds, SessionEventType type, long session, long user, string track = "a") =>
        new(T0.AddSeconds(seconds), user, type.RefersToTrack() ? track : null, type, session);

    [Fact]
    public void The_least_recently_used_entry_makes_room_and_a_lookup_counts_as_use()
    {
        var map = new RecentlyUsed<string, int>(capacity: 2);
        map.Set("a", 1);
        map.Set("b", 2);
        Assert.True(map.TryGet("a", out _));
        map.Set("c", 3);

        Assert.False(map.TryGet("b", out _));
        Assert.True(map.TryGet("a", out var a) && a == 1);
        Assert.True(map.TryGet("c", out var c) && c == 3);
        Assert.Equal((2, 1L), (map.Count, map.Evicted));
    }

    [Fact]
    public void Each_listener_remembers_only_their_most_recently_ended_sessions_for_late_events()
    {
        var reconstructor = new PlayReconstructor(_ => 200, new StateLimits(EndedSessionsPerListener: 2));
        var output = new List<PlayTransition>();
        // Listener 7 plays sessions 1, 2 and 3 in turn: each new one ends the one before, the last ends at the flush.
        foreach (var session in new long[] { 1, 2, 3 })
            reconstructor.Feed(E(session * 1000, SessionEventType.Play, session, user: 7), output);
        reconstructor.Feed(E(4000, SessionEventType.Play, session: 9, user: 8), output);
        reconstructor.Flush(output);
        Assert.Equal((3, 1L), (reconstructor.EndedSessionCount, reconstructor.DroppedEndedSessions));
        output.Clear();

        reconstructor.Feed(E(3500, SessionEventType.Skip, 3, user: 7), output);
        Assert.Equal(PlayFaultKind.EventAfterSessionEnd, Assert.IsType<PlayFault>(Assert.Single(output)).Kind);
        output.Clear();

        // Session 1 was dropped from listener 7's ended ones: its event starts it anew instead of being dead-lettered.
        reconstructor.Feed(E(3600, SessionEventType.Play, 1, user: 7), output);
        Assert.Equal(1, Assert.IsType<PlayStarted>(Assert.Single(output)).Play.Position);
    }

    [Fact]
    public void A_listener_dropped_for_room_returns_with_an_empty_history()
    {
        var catalog = new Catalog.Catalog(new Dictionary<string, Catalog.Track>(), new Dictionary<string, Catalog.Artist>(),
            new Dictionary<string, Catalog.TrackStorage>(), new Dictionary<long, Catalog.Listener>());
        SessionEvent[] events =
        [
            E(0, SessionEventType.Play, session: 1, user: 7),
            E(10, SessionEventType.Skip, session: 1, user: 7),
            E(10, SessionEventType.Play, session: 1, user: 7),
            E(20, SessionEventType.Play, session: 2, user: 8),
            E(30, SessionEventType.Play, session: 3, user: 7),
        ];
        List<PlayTransition> Replay(ListeningTimeline timeline)
        {
            var output = new List<PlayTransition>();
            foreach (var e in events)
                timeline.Feed(e, output);
            return output;
        }

        Assert.Equal(2, Replay(new ListeningTimeline(catalog)).OfType<PlayToScore>().Last().Listener.PlaysBefore);
        var bounded = new ListeningTimeline(catalog, limits: new StateLimits(MaxListeners: 1));
        var transitions = Replay(bounded);
        // Listener 8 took listener 7's room, then 7 took 8's: each open play ended with its listener's session, and
        // 7 comes back knowing nothing.
        Assert.Equal([7L, 8L], transitions.OfType<PlayClosed>().Where(c => c.Outcome.ClosedBy == PlayClosedBy.SessionEnd).Select(c => c.Play.UserId));
        Assert.Equal(0, transitions.OfType<PlayToScore>().Last().Listener.PlaysBefore);
        Assert.Equal((1, 2L), (bounded.Size.Listeners, bounded.Size.DroppedListeners));
    }

    [Fact]
    public void A_listener_idle_by_event_time_is_forgotten_and_returns_as_new_while_one_from_the_past_forgets_nobody()
    {
        var catalog = new Catalog.Catalog(new Dictionary<string, Catalog.Track>(), new Dictionary<string, Catalog.Artist>(),
            new Dictionary<string, Catalog.TrackStorage>(), new Dictionary<long, Catalog.Listener>());
        var timeline = new ListeningTimeline(catalog, limits: new StateLimits { ListenerIdle = TimeSpan.FromDays(1) });
        var output = new List<PlayTransition>();
        var day = 86_400;
        timeline.Feed(E(0, SessionEventType.Play, session: 1, user: 7), output);
        timeline.Feed(E(10, SessionEventType.Skip, session: 1, user: 7), output);
        timeline.Feed(E(3 * day, SessionEventType.Play, session: 2, user: 8), output);
        // Listener 9 is replayed from before 8's day: it forgets nobody, and 8's event already forgot 7.
        timeline.Feed(E(day / 2, SessionEventType.Play, session: 3, user: 9), output);
        Assert.Equal((2, 1L), (timeline.Size.Listeners, timeline.Size.ExpiredListeners));

        timeline.Feed(E(3 * day + 60, SessionEventType.Play, session: 1, user: 7), output);

        var back = output.OfType<PlayToScore>().Last();
        Assert.Equal((7L, 0, 1), (back.Play.UserId, back.Listener.PlaysBefore, back.Play.Position));
        Assert.Empty(output.OfType<PlayFault>());
        Assert.Equal((2, 2L), (timeline.Size.Listeners, timeline.Size.ExpiredListeners));
    }

    [Fact]
    public void A_listener_restored_from_a_checkpoint_without_a_last_event_time_is_not_forgotten_for_want_of_it()
    {
        var catalog = new Catalog.Catalog(new Dictionary<string, Catalog.Track>(), new Dictionary<string, Catalog.Artist>(),
            new Dictionary<string, Catalog.TrackStorage>(), new Dictionary<long, Catalog.Listener>());
        var timeline = new ListeningTimeline(catalog, limits: new StateLimits { ListenerIdle = TimeSpan.FromDays(1) });
        var day = 86_400;
        // Listener 7's checkpoint predates last event times; listener 8's was written 100 days in.
        timeline.Restore([
            new RestoredListener(new ListenerCheckpoint(7, 0, default, false, 3, 1, 3, 3, null, [1]), new Dictionary<int, HistorySlot>()),
            new RestoredListener(new ListenerCheckpoint(8, 1, T0.AddDays(100), false, 0, 0, 0, 0, null, []), new Dictionary<int, HistorySlot>()),
        ]);

        timeline.Feed(E(100 * day + 3600, SessionEventType.Play, session: 3, user: 9), position: 2, []);

        Assert.Equal((3, 0L), (timeline.Size.Listeners, timeline.Size.ExpiredListeners));
    }
}
