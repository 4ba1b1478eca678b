using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;
using Pozytywka.Listening.State;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// A timeline restored from its changelog (written through the real records, folded as compaction keeps them)
/// carries on exactly as the uninterrupted one, at every cut: histories that wrapped around, listeners dropped for
/// room or forgotten for idleness and returning, open sessions, sessions ended on event time, late events, premium changes.
/// </summary>
public class ChangelogRestoreTests
{
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);
    private const int History = 7;
    private static readonly StateLimits Limits = new(MaxListeners: 4, EndedSessionsPerListener: 2)
    {
        SessionIdle = TimeSpan.FromMinutes(4),
        ListenerIdle = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public void A_restored_timeline_carries_on_exactly_as_the_uninterrupted_one_at_every_cut()
    {
        var (catalog, events) = RandomListening(seed: 11, count: 900);

        for (var cut = 40; cut < events.Count; cut += 53)
        {
            var first = NewTimeline(catalog);
            var changes = new List<PartitionStateChanges>();
            for (var at = 0; at < cut; at += 17)
            {
                Feed(first, events[at..Math.Min(at + 17, cut)], at);
                changes.Add(new PartitionStateChanges(0, first.TakeChanges()));
            }

            var restored = NewTimeline(catalog);
            var contents = CompactedChangelog.Contents(changes)[0];
            Assert.Equal(0, restored.Restore(contents.Listeners, contents.Forgotten));
            Assert.Equal((first.Size.Listeners, first.Size.OpenSessions, first.Size.EndedSessions),
                (restored.Size.Listeners, restored.Size.OpenSessions, restored.Size.EndedSessions));
            var uninterrupted = NewTimeline(catalog);
            Feed(uninterrupted, events[..cut], 0);
            Assert.Equal(Feed(uninterrupted, events[cut..], cut), Feed(restored, events[cut..], cut));
        }
    }

    [Fact]
    public void A_forgotten_listener_leaves_one_record_behind_with_only_where_they_stopped()
    {
        var (catalog, events) = RandomListening(seed: 5, count: 400);
        var timeline = NewTimeline(catalog);
        var changes = new List<PartitionStateChanges>();
        for (var at = 0; at < events.Count; at += 25)
        {
            Feed(timeline, events[at..Math.Min(at + 25, events.Count)], at);
            changes.Add(new PartitionStateChanges(0, timeline.TakeChanges()));
        }

        Assert.True(timeline.Size.DroppedListeners > 0, "the listener limit was reached");
        Assert.True(timeline.Size.ExpiredListeners > 0, "listeners went idle");
        var held = CompactedChangelog.Records(changes)[0];
        var contents = ChangelogContents.Read(held);
        Assert.Equal(held.Count, contents.Listeners.Count + contents.Forgotten.Count);
        Assert.Equal(timeline.Size.Listeners, contents.Listeners.Count);
        Assert.NotEmpty(contents.Forgotten);
        Assert.All(contents.Forgotten, f => Assert.InRange(f.AppliedThrough, 0, events.Count - 1));
        Assert.All(contents.Listeners, l => Assert.Equal(l.Checkpoint.HistoryCount, l.Slots.Count));
    }

    [Fact]
    public void Events_consumed_again_after_a_changelog_that_ran_ahead_are_passed_over_even_for_listeners_forgotten_since()
    {
        var (catalog, events) = RandomListening(seed: 23, count: 700);
        var forgottenInBetween = 0;
        for (var cut = 30; cut + 60 < events.Count; cut += 41)
        {
            // The changelog was written through `ahead`, the offsets committed only through `cut`: a crash in between.
            var ahead = cut + 60;
            var first = NewTimeline(catalog);
            Feed(first, events[..cut], 0);
            var droppedAtCut = first.Size.DroppedListeners + first.Size.ExpiredListeners;
            Feed(first, events[cut..ahead], cut);
            forgottenInBetween += (int)(first.Size.DroppedListeners + first.Size.ExpiredListeners - droppedAtCut);
            var contents = CompactedChangelog.Contents([new PartitionStateChanges(0, first.TakeChanges())])[0];

            var restored = NewTimeline(catalog);
            restored.Restore(contents.Listeners, contents.Forgotten);
            Assert.Empty(Feed(restored, events[cut..ahead], cut));
            Assert.Equal(Feed(first, events[ahead..], ahead), Feed(restored, events[ahead..], ahead));
        }
        Assert.True(forgottenInBetween > 0, "listeners were forgotten between a cut and the changelog's end");
    }

    private static ListeningTimeline NewTimeline(Catalog catalog) => new(catalog, listenerHistory: History, limits: Limits, trackChanges: true);

    private static List<string> Feed(ListeningTimeline timeline, IReadOnlyList<SessionEvent> events, int firstPosition)
    {
        var output = new List<PlayTransition>();
        for (var i = 0; i < events.Count; i++)
            timeline.Feed(events[i], firstPosition + i, output);
        return output.Select(Describe).ToList();
    }

    private static string Describe(PlayTransition transition) => transition switch
    {
        PlayToScore s => $"score {s.Play} {s.Listener.PlaysBefore}/{s.Listener.SkipsBefore} premium {s.Listener.Premium} taste {string.Join(",", s.Listener.Taste)} skips heard {s.Listener.SkipTiming}",
        PlayClosed c => $"closed {c.Outcome}",
        PlayFault f => $"fault {f.Kind} {f.Event}",
        _ => transition.ToString()!,
    };

    /// <summary>Six listeners (the limit keeps four) in short sessions of plays, skips, likes, ads and premium purchases, some events late, some from the past.</summary>
    private static (Catalog, List<SessionEvent>) RandomListening(int seed, int count)
    {
        var random = new Random(seed);
        var tracks = Enumerable.Range(0, 12).Select(i => new Track($"t{i}", "", null,
            TrackProperties.All.Select(p => p == TrackProperty.DurationMs ? 180_000 + i * 1000 : Math.Round(random.NextDouble(), 2)).ToArray()))
            .ToDictionary(t => t.Id);
        var catalog = new Catalog(tracks, new Dictionary<string, Artist>(), new Dictionary<string, TrackStorage>(), new Dictionary<long, Listener>());
        var sessionOf = new Dictionary<long, long>();
        var playing = new Dictionary<long, string?>();
        var events = new List<SessionEvent>();
        var clock = T0;
        for (var i = 0; i < count; i++)
        {
            clock = clock.AddSeconds(random.Next(1, 90));
            var user = random.Next(1, 7);
            if (!sessionOf.ContainsKey(user) || random.NextDouble() < 0.05)
                (sessionOf[user], playing[user]) = (user * 1000 + i, null);
            var session = random.NextDouble() < 0.03 ? user * 1000 : sessionOf[user];
            var roll = random.NextDouble();
            var track = $"t{random.Next(tracks.Count)}";
            var (type, trackId) = roll switch
            {
                < 0.55 => (SessionEventType.Play, track),
                < 0.8 => (SessionEventType.Skip, playing[user] ?? track),
                < 0.88 => (SessionEventType.Like, playing[user] ?? track),
                < 0.97 => (SessionEventType.Advertisement, (string?)null),
                _ => (SessionEventType.BuyPremium, null),
            };
            playing[user] = type == SessionEventType.Play ? trackId : type == SessionEventType.Skip ? null : playing[user];
            // Now and then a listener's event comes from well before the stream time, as a replayed export's do.
            var at = random.NextDouble() < 0.04 ? clock.AddMinutes(-random.Next(5, 120)) : clock;
            events.Add(new SessionEvent(at, user, trackId, type, session));
        }
        return (catalog, events);
    }
}
