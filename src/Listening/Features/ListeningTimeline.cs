using Pozytywka.Contracts;
using Pozytywka.Listening.Plays;
using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Features;

/// <summary>A PLAY has arrived: its context and its listener's history at that moment, ready to score.</summary>
public sealed record PlayToScore(PlayContext Play, ListenerSnapshot Listener) : PlayTransition;

/// <summary>
/// Play reconstruction plus per-listener history, fed events in arrival order. This is the single path from
/// events to scorable plays: the Trainer replays exports through it and the stream processor feeds it live,
/// so a play's features are the same offline and online. A listener's history changes only when one of their
/// plays closes, so a play never sees its own outcome; it keeps the last <paramref name="listenerHistory"/> closed plays.
/// Its state is bounded by <see cref="StateLimits"/>.
/// </summary>
public sealed class ListeningTimeline(Catalog.Catalog catalog, TimeProvider? arrivalClock = null, int listenerHistory = ListeningTimeline.DefaultListenerHistory,
    StateLimits? limits = null)
{
    /// <summary>Closed plays kept per listener for the taste features (<c>FeatureSpec.ListenerHistory</c> records it in every bundle).</summary>
    public const int DefaultListenerHistory = 200;

    private readonly PlayReconstructor _plays = new(id => catalog.FindTrack(id)?.DurationSeconds, arrivalClock,
        (limits ?? StateLimits.Default).MaxEndedSessions);
    private readonly RecentlyUsed<long, ListenerState> _listeners = new((limits ?? StateLimits.Default).MaxListeners);

    public StateSize Size => new(_listeners.Count, _plays.OpenSessionCount, _plays.EndedSessionCount, _listeners.Evicted, _plays.DroppedEndedSessions);
    private readonly List<PlayTransition> _scratch = [];

    public void Feed(SessionEvent e, List<PlayTransition> output)
    {
        var listener = ListenerFor(e.UserId);
        if (e.Type == SessionEventType.Advertisement)
            listener.Premium = false;
        else if (e.Type == SessionEventType.BuyPremium)
            listener.Premium = true;

        _plays.Feed(e, _scratch);
        Publish(output);
    }

    public void Flush(List<PlayTransition> output)
    {
        _plays.Flush(_scratch);
        Publish(output);
    }

    public void CloseIdleSessions(TimeSpan idle, List<PlayTransition> output)
    {
        _plays.CloseIdleSessions(idle, _scratch);
        Publish(output);
    }

    private void Publish(List<PlayTransition> output)
    {
        foreach (var transition in _scratch)
        {
            switch (transition)
            {
                case PlayStarted started:
                    output.Add(new PlayToScore(started.Play, ListenerFor(started.Play.UserId).Snapshot(catalog.FindTrack(started.Play.TrackId))));
                    break;
                case PlayClosed closed:
                    ListenerFor(closed.Play.UserId).Record(catalog.FindTrack(closed.Play.TrackId), closed.Outcome.Skipped);
                    output.Add(closed);
                    break;
                default:
                    output.Add(transition);
                    break;
            }
        }
        _scratch.Clear();
    }

    /// <summary>Each listener's strongest taste split as things stand (for the insights page); listeners without one are left out.</summary>
    public IReadOnlyDictionary<long, TasteSplit> TasteSplits() =>
        _listeners.Entries.Select(l => (l.Key, Split: l.Value.History.BestSplit))
            .Where(l => l.Split is not null).ToDictionary(l => l.Key, l => l.Split!);

    private ListenerState ListenerFor(long userId)
    {
        if (!_listeners.TryGet(userId, out var state))
        {
            state = new ListenerState(catalog.Listeners.GetValueOrDefault(userId)?.PremiumAtStart ?? false, listenerHistory);
            _listeners.Set(userId, state);
        }
        return state;
    }
}
