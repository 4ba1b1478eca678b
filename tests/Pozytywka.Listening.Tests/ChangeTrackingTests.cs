using Pozytywka.Contracts;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;

namespace Pozytywka.Listening.Tests;

/// <summary>What a timeline reports as changed, for its changelog: every listener whose state moved, however it moved.</summary>
public class ChangeTrackingTests
{
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);
    private static readonly Catalog.Catalog NoCatalog = new(new Dictionary<string, Catalog.Track>(), new Dictionary<string, Catalog.Artist>(),
        new Dictionary<string, Catalog.TrackStorage>(), new Dictionary<long, Catalog.Listener>());

    private static SessionEvent E(double seconds, SessionEventType type, long user = 7, long session = 1) =>
        new(T0.AddSeconds(seconds), user, type.RefersToTrack() ? "a" : null, type, session);

    [Fact]
    public void A_session_ended_for_idleness_is_a_change_even_with_no_play_open()
    {
        var timeline = new ListeningTimeline(NoCatalog, trackChanges: true);
        var output = new List<PlayTransition>();
        timeline.Feed(E(0, SessionEventType.Play), output);
        timeline.Feed(E(10, SessionEventType.Skip), output);
        Assert.NotNull(Assert.Single(timeline.TakeChanges()).Checkpoint!.Session);

        timeline.Feed(E(31 * 60, SessionEventType.Advertisement, user: 8, session: 2), output);

        var checkpoint = Assert.Single(timeline.TakeChanges(), c => c.UserId == 7).Checkpoint!;
        Assert.Null(checkpoint.Session);
        Assert.Equal([1L], checkpoint.EndedSessions);
    }

    [Fact]
    public void Sessions_ended_by_a_flush_are_changes()
    {
        var timeline = new ListeningTimeline(NoCatalog, trackChanges: true);
        var output = new List<PlayTransition>();
        timeline.Feed(E(0, SessionEventType.Play), output);
        timeline.Feed(E(5, SessionEventType.Advertisement, user: 8, session: 2), output);
        timeline.TakeChanges();

        timeline.Flush(output);

        Assert.Equal([7L, 8L], timeline.TakeChanges().Where(c => c.Checkpoint!.Session is null).Select(c => c.UserId).Order());
    }

    [Fact]
    public void Events_at_or_before_a_listeners_last_applied_position_change_nothing()
    {
        var timeline = new ListeningTimeline(NoCatalog, trackChanges: true);
        var output = new List<PlayTransition>();
        timeline.Feed(E(0, SessionEventType.Play), position: 5, output);
        timeline.TakeChanges();

        timeline.Feed(E(10, SessionEventType.Skip), position: 5, output);
        timeline.Feed(E(20, SessionEventType.Play, user: 8, session: 2), position: 3, output);

        Assert.Equal([8L], timeline.TakeChanges().Select(c => c.UserId));
        Assert.Equal(2, output.OfType<PlayToScore>().Count());
        Assert.Empty(output.OfType<PlayClosed>());
    }
}
