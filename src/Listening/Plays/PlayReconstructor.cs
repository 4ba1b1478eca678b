using Pozytywka.Contracts;
using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Plays;

/// <summary>
/// Turns a stream of session events, fed in arrival order, into plays: a <see cref="PlayStarted"/> when a
/// PLAY arrives and a <see cref="PlayClosed"/> once its outcome is known. A play is skipped when a SKIP of
/// its track arrives before the next PLAY, and completed when the next PLAY arrives, when its listener starts
/// another session, or when its session ends (idleness, below, or <see cref="Flush"/>).
/// Arrival order is the truth: a SKIP and the next PLAY often share one timestamp, so nothing is re-sorted.
/// The Trainer replays export files through this class and the stream processor feeds it live, so training
/// and serving see the same plays. State is kept per listener (a session belongs to the listener whose events
/// carry it), so it can be checkpointed and restored one listener at a time.
/// <para>
/// Sessions end on event time: after each event, every other listener's session whose last event is
/// <see cref="StateLimits.SessionIdle"/> or more before that event's timestamp ends. The clock is the timestamp of the
/// event in hand, not the newest seen (a watermark), and its own listener is spared, because exports list each
/// listener's events together, not in time order across listeners: a listener replayed from the past must neither
/// have their session ended between their own events nor end the sessions of listeners ahead of them. On a live
/// stream, roughly in time order, the two clocks agree. Only the events decide, so a replay of the same events ends
/// the same sessions, whenever and however fast it runs, and there is no clock to checkpoint.
/// </para>
/// </summary>
public sealed class PlayReconstructor(Func<string, double?> trackDurationSeconds, StateLimits? limits = null)
{
    private readonly StateLimits _limits = limits ?? StateLimits.Default;
    private readonly Dictionary<long, ListenerSessions> _listeners = [];
    private readonly IdleIndex _open = new();
    private readonly List<long> _ended = [];

    public int OpenSessionCount => _open.Count;

    /// <summary>Ended sessions remembered to recognise late events (each listener's most recently ended ones).</summary>
    public int EndedSessionCount { get; private set; }

    public long DroppedEndedSessions { get; private set; }

    /// <summary>Applies one event; returns the other listeners whose sessions it ended for idleness (valid until the next call).</summary>
    public IReadOnlyList<long> Feed(SessionEvent e, List<PlayTransition> output)
    {
        var listener = ListenerOf(e.UserId);
        if (listener.HasEnded(e.SessionId))
        {
            output.Add(new PlayFault(e, PlayFaultKind.EventAfterSessionEnd, $"event for session {e.SessionId}, which had already ended"));
            _ended.Clear();
            return _ended;
        }

        var session = SessionFor(listener, e, output);
        switch (e.Type)
        {
            case SessionEventType.Play:
                if (session.OpenPlay is not null)
                    Close(session, skipped: false, e.Timestamp, PlayClosedBy.NextPlay, output);
                Start(session, e, output);
                break;
            case SessionEventType.Skip:
                if (session.OpenPlay is null)
                    output.Add(new PlayFault(e, PlayFaultKind.SkipWithoutPlay, $"SKIP of {e.TrackId} with nothing playing in session {e.SessionId}"));
                else if (session.OpenPlay.TrackId != e.TrackId)
                    output.Add(new PlayFault(e, PlayFaultKind.SkipOfOtherTrack, $"SKIP of {e.TrackId} while {session.OpenPlay.TrackId} plays in session {e.SessionId}"));
                else
                    Close(session, skipped: true, e.Timestamp, PlayClosedBy.Skip, output);
                break;
            case SessionEventType.Like:
                if (session.OpenPlay?.TrackId == e.TrackId)
                    session.OpenPlayLiked = true;
                break;
            case SessionEventType.Advertisement:
                session.AdvertisementSinceLastPlay = true;
                break;
            case SessionEventType.BuyPremium:
                break;
        }
        _open.Move(session.UserId, session.LastEventAt, e.Timestamp);
        session.LastEventAt = e.Timestamp;
        _open.IdleAt(e.Timestamp, _limits.SessionIdle, sparing: e.UserId, _ended);
        foreach (var userId in _ended)
            EndSession(_listeners[userId], output);
        return _ended;
    }

    /// <summary>
    /// Ends every open session: the end of a replayed file, or a partition from which nothing more arrives; returns
    /// their listeners (valid until the next call).
    /// </summary>
    public IReadOnlyList<long> Flush(List<PlayTransition> output)
    {
        _ended.Clear();
        _ended.AddRange(_open.UserIds);
        foreach (var userId in _ended)
            EndSession(_listeners[userId], output);
        return _ended;
    }

    /// <summary>Drops a listener: their open session ends (its play completed), and everything about them is forgotten.</summary>
    public void Forget(long userId, List<PlayTransition> output)
    {
        if (!_listeners.Remove(userId, out var listener))
            return;
        if (listener.Current is not null)
            EndSession(listener, output);
        EndedSessionCount -= listener.Ended.Count;
    }

    /// <summary>The listener's open session and ended ones, as a checkpoint holds them.</summary>
    public (SessionCheckpoint? Open, IReadOnlyList<long> Ended) Checkpoint(long userId) =>
        _listeners.TryGetValue(userId, out var listener) ? (listener.Current?.Checkpoint(), listener.Ended.ToList()) : (null, []);

    /// <summary>Takes a listener's sessions over from a checkpoint.</summary>
    public void Restore(long userId, SessionCheckpoint? open, IEnumerable<long> ended)
    {
        Forget(userId, []);
        var listener = ListenerOf(userId);
        foreach (var sessionId in ended)
            Remember(listener, sessionId);
        if (open is null)
            return;
        listener.Current = SessionState.From(open, userId);
        _open.Add(userId, listener.Current.LastEventAt);
    }

    private ListenerSessions ListenerOf(long userId)
    {
        if (!_listeners.TryGetValue(userId, out var listener))
        {
            listener = new ListenerSessions(_limits.EndedSessionsPerListener);
            _listeners[userId] = listener;
        }
        return listener;
    }

    private SessionState SessionFor(ListenerSessions listener, SessionEvent e, List<PlayTransition> output)
    {
        if (listener.Current is { } current && current.SessionId == e.SessionId)
            return current;
        if (listener.Current is not null)
            EndSession(listener, output);

        listener.Current = new SessionState(e.SessionId, e.UserId, e.Timestamp);
        _open.Add(e.UserId, e.Timestamp);
        return listener.Current;
    }

    private static void Start(SessionState session, SessionEvent play, List<PlayTransition> output)
    {
        session.PlaysStarted++;
        var context = new PlayContext(
            PlayContext.IdFor(session.SessionId, session.PlaysStarted),
            session.SessionId,
            session.UserId,
            play.TrackId!,
            play.Timestamp,
            session.PlaysStarted,
            session.SkipsSoFar,
            session.PreviousSkipped,
            session.AdvertisementSinceLastPlay,
            (play.Timestamp - session.StartedAt).TotalSeconds,
            (play.Timestamp - session.LastEventAt).TotalSeconds);
        session.OpenPlay = context;
        session.OpenPlayLiked = false;
        session.AdvertisementSinceLastPlay = false;
        output.Add(new PlayStarted(context));
    }

    private void Close(SessionState session, bool skipped, DateTime closedAt, PlayClosedBy closedBy, List<PlayTransition> output)
    {
        var play = session.OpenPlay!;
        // A completed play lasts its track's length: the gap to the next PLAY also holds any advertisement.
        var elapsed = (closedAt - play.StartedAt).TotalSeconds;
        var secondsPlayed = closedBy switch
        {
            PlayClosedBy.Skip => elapsed,
            PlayClosedBy.NextPlay => Math.Min(elapsed, trackDurationSeconds(play.TrackId) ?? elapsed),
            _ => trackDurationSeconds(play.TrackId) ?? elapsed,
        };
        var outcome = new PlayOutcome(play.PlayId, play.SessionId, play.UserId, play.TrackId, skipped,
            session.OpenPlayLiked, Math.Max(0, secondsPlayed), play.StartedAt, closedAt, closedBy);
        output.Add(new PlayClosed(play, outcome));

        session.OpenPlay = null;
        session.PreviousSkipped = skipped;
        if (skipped)
            session.SkipsSoFar++;
    }

    private void EndSession(ListenerSessions listener, List<PlayTransition> output)
    {
        var session = listener.Current!;
        if (session.OpenPlay is not null)
            Close(session, skipped: false, session.LastEventAt, PlayClosedBy.SessionEnd, output);
        listener.Current = null;
        _open.Remove(session.UserId, session.LastEventAt);
        Remember(listener, session.SessionId);
    }

    private void Remember(ListenerSessions listener, long sessionId)
    {
        if (listener.RememberEnded(sessionId))
            DroppedEndedSessions++;
        else
            EndedSessionCount++;
    }
}
