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
/// Its state is bounded by <see cref="StateLimits"/>. With <paramref name="trackChanges"/> it records what changed
/// per listener (<see cref="TakeChanges"/>), for a changelog from which <see cref="Restore"/> rebuilds it.
/// </summary>
public sealed class ListeningTimeline(Catalog.Catalog catalog, int listenerHistory = ListeningTimeline.DefaultListenerHistory,
    StateLimits? limits = null, bool trackChanges = false)
{
    /// <summary>Closed plays kept per listener for the taste features (<c>FeatureSpec.ListenerHistory</c> records it in every bundle).</summary>
    public const int DefaultListenerHistory = 200;

    private readonly PlayReconstructor _plays = new(id => catalog.FindTrack(id)?.DurationSeconds, limits);
    private readonly StateLimits _limits = limits ?? StateLimits.Default;
    private readonly RecentlyUsed<long, ListenerState> _listeners = new((limits ?? StateLimits.Default).MaxListeners);
    private readonly IdleIndex _byLastEvent = new();
    private readonly List<long> _idle = [];
    private readonly ChangeTracker? _changes = trackChanges ? new ChangeTracker() : null;
    private readonly ForgottenListeners _forgotten = new();
    private readonly List<PlayTransition> _scratch = [];
    private readonly List<PlayTransition> _ofDropped = [];
    private long _nextPosition;
    private long _expiredListeners;

    public StateSize Size => new(_listeners.Count, _plays.OpenSessionCount, _plays.EndedSessionCount, _listeners.Evicted, _plays.DroppedEndedSessions, _expiredListeners);

    /// <summary>Feeds the next event, numbered after the last one fed.</summary>
    public void Feed(SessionEvent e, List<PlayTransition> output) => Feed(e, _nextPosition, output);

    /// <summary>
    /// Feeds an event at <paramref name="position"/> (its offset in the partition). An event at or before the last
    /// position applied to its listener is already part of the state (restored from a changelog written after its
    /// effects were durable), or was applied to a listener the changelog says was forgotten since, and is passed over;
    /// returns whether the event was applied.
    /// </summary>
    public bool Feed(SessionEvent e, long position, List<PlayTransition> output)
    {
        _nextPosition = Math.Max(_nextPosition, position + 1);
        if (_forgotten.Covers(e.UserId, position))
            return false;
        var listener = ListenerFor(e.UserId);
        if (position <= listener.AppliedThrough)
            return false;
        listener.AppliedThrough = position;
        if (e.Type == SessionEventType.Advertisement)
            listener.Premium = false;
        else if (e.Type == SessionEventType.BuyPremium)
            listener.Premium = true;

        var endedForIdleness = _plays.Feed(e, _scratch);
        _changes?.Touched(e.UserId);
        foreach (var userId in endedForIdleness)
            _changes?.Touched(userId);
        Seen(e.UserId, listener, e.Timestamp);
        Publish(output);
        // After the plays closed above went into their listeners' histories: forgetting a listener discards those too.
        ForgetListenersIdleAt(e.Timestamp, sparing: e.UserId);
        Publish(output);
        return true;
    }

    /// <summary>Ends every open session (<see cref="PlayReconstructor.Flush"/>); the listeners keep everything else.</summary>
    public void Flush(List<PlayTransition> output)
    {
        foreach (var userId in _plays.Flush(_scratch))
            _changes?.Touched(userId);
        Publish(output);
    }

    /// <summary>The whole state of each listener whose state changed since the last call (what a changelog must hold).</summary>
    public IReadOnlyList<StateChange> TakeChanges()
    {
        if (_changes is null)
            throw new InvalidOperationException("this timeline does not track its changes");
        return _changes.Take(userId => _listeners.TryPeek(userId, out var state)
            ? new StateChange(userId, state.AppliedThrough, Checkpoint(userId, state), state.History.Slots())
            : null);
    }

    /// <summary>
    /// Takes over listeners from a changelog, in any order, into an empty timeline. A listener whose history does not
    /// fit this timeline's is left out (they start afresh, after the events already applied to them); returns how many
    /// were. Listeners are taken in the order of their last event, which is the order of their last activity, so the
    /// least recently active are dropped first as before. Events of <paramref name="forgotten"/> listeners are passed
    /// over up to where they were applied before.
    /// </summary>
    public int Restore(IEnumerable<RestoredListener> listeners, IEnumerable<ForgottenListener>? forgotten = null)
    {
        if (_listeners.Count > 0)
            throw new InvalidOperationException("only an empty timeline can be restored");
        var unfit = 0;
        var ordered = listeners.OrderBy(l => l.Checkpoint.AppliedThrough).ToList();
        // Checkpoints written before they carried the listener's last event time have none: such a listener counts as
        // last active at the newest time the partition's checkpoints know, so that nobody is forgotten for want of it.
        var newestKnown = ordered.SelectMany(l => new[] { l.Checkpoint.LastEventAt, l.Checkpoint.Session?.LastEventAt ?? default }).DefaultIfEmpty().Max();
        foreach (var saved in ordered)
        {
            ListenerState state;
            try
            {
                state = ListenerState.From(saved, listenerHistory);
            }
            catch (ArgumentOutOfRangeException)
            {
                unfit++;
                _forgotten.Add(saved.Checkpoint.UserId, saved.Checkpoint.AppliedThrough);
                continue;
            }
            if (state.LastEventAt == default)
                state.LastEventAt = saved.Checkpoint.Session?.LastEventAt ?? newestKnown;
            Add(saved.Checkpoint.UserId, state);
            _ofDropped.Clear();
            _plays.Restore(saved.Checkpoint.UserId, saved.Checkpoint.Session, saved.Checkpoint.EndedSessions);
            _nextPosition = Math.Max(_nextPosition, saved.Checkpoint.AppliedThrough + 1);
        }
        foreach (var gone in forgotten ?? [])
        {
            _forgotten.Add(gone.UserId, gone.AppliedThrough);
            _nextPosition = Math.Max(_nextPosition, gone.AppliedThrough + 1);
        }
        return unfit;
    }

    private ListenerCheckpoint Checkpoint(long userId, ListenerState state)
    {
        var (open, ended) = _plays.Checkpoint(userId);
        return state.Checkpoint(userId, open, ended);
    }

    private void Publish(List<PlayTransition> output)
    {
        // A listener dropped for room is gone: their last play's outcome goes out, but into no history.
        output.AddRange(_ofDropped);
        _ofDropped.Clear();
        foreach (var transition in _scratch)
        {
            switch (transition)
            {
                case PlayStarted started:
                    output.Add(new PlayToScore(started.Play, ListenerFor(started.Play.UserId).Snapshot(catalog.FindTrack(started.Play.TrackId))));
                    break;
                case PlayClosed closed:
                    // A play closes when its listener acts or when another listener's event ends their session; only the former is activity.
                    Existing(closed.Play.UserId).Record(catalog.FindTrack(closed.Play.TrackId), closed.Outcome.Skipped, closed.Outcome.SecondsPlayed);
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

    private void Seen(long userId, ListenerState listener, DateTime at)
    {
        if (at <= listener.LastEventAt)
            return;
        _byLastEvent.Move(userId, listener.LastEventAt, at);
        listener.LastEventAt = at;
    }

    /// <summary>Forgets the listeners idle for <see cref="StateLimits.ListenerIdle"/> at <paramref name="now"/>, by the same clock as sessions (<see cref="PlayReconstructor"/>).</summary>
    private void ForgetListenersIdleAt(DateTime now, long sparing)
    {
        _byLastEvent.IdleAt(now, _limits.ListenerIdle, sparing, _idle);
        foreach (var userId in _idle)
        {
            _listeners.Remove(userId, out var state);
            Forgotten(userId, state);
            _expiredListeners++;
        }
    }

    /// <summary>A listener dropped for room or for idleness: their open session ends, and their changelog record keeps only where they stopped.</summary>
    private void Forgotten(long userId, ListenerState state)
    {
        _byLastEvent.Remove(userId, state.LastEventAt);
        _plays.Forget(userId, _ofDropped);
        _changes?.Forgotten(userId, state.AppliedThrough);
    }

    private ListenerState Existing(long userId) =>
        _listeners.TryPeek(userId, out var state) ? state : throw new InvalidOperationException($"listener {userId} has an open session but no state");

    private ListenerState ListenerFor(long userId)
    {
        if (_listeners.TryGet(userId, out var state))
            return state;
        state = new ListenerState(catalog.Listeners.GetValueOrDefault(userId)?.PremiumAtStart ?? false, listenerHistory);
        Add(userId, state);
        return state;
    }

    private void Add(long userId, ListenerState state)
    {
        _byLastEvent.Add(userId, state.LastEventAt);
        if (_listeners.Set(userId, state) is var (droppedId, dropped))
            Forgotten(droppedId, dropped);
    }
}
