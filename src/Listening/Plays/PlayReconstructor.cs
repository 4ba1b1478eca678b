using Pozytywka.Contracts;
using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Plays;

/// <summary>
/// Turns a stream of session events, fed in arrival order, into plays: a <see cref="PlayStarted"/> when a
/// PLAY arrives and a <see cref="PlayClosed"/> once its outcome is known. A play is skipped when a SKIP of
/// its track arrives before the next PLAY, and completed when the next PLAY arrives, when its listener starts
/// another session, or when its session ends (<see cref="Flush"/>, <see cref="CloseIdleSessions"/>).
/// Arrival order is the truth: a SKIP and the next PLAY often share one timestamp, so nothing is re-sorted.
/// The Trainer replays export files through this class and the stream processor feeds it live, so training
/// and serving see the same plays.
/// </summary>
public sealed class PlayReconstructor(Func<string, double?> trackDurationSeconds, TimeProvider? arrivalClock = null,
    int maxEndedSessions = StateLimits.DefaultMaxEndedSessions)
{
    private readonly Dictionary<long, SessionState> _openSessions = [];
    private readonly Dictionary<long, long> _currentSessionOfListener = [];
    private readonly RecentlyUsed<long, bool> _endedSessions = new(maxEndedSessions);
    private readonly TimeProvider _arrivalClock = arrivalClock ?? TimeProvider.System;

    public int OpenSessionCount => _openSessions.Count;

    /// <summary>Ended sessions remembered to recognise late events (the most recently ended ones).</summary>
    public int EndedSessionCount => _endedSessions.Count;

    public long DroppedEndedSessions => _endedSessions.Evicted;

    public void Feed(SessionEvent e, List<PlayTransition> output)
    {
        if (_endedSessions.TryGet(e.SessionId, out _))
        {
            output.Add(new PlayFault(e, PlayFaultKind.EventAfterSessionEnd, $"event for session {e.SessionId}, which had already ended"));
            return;
        }

        var session = SessionFor(e, output);
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
        session.LastEventAt = e.Timestamp;
        session.LastArrivalTicks = _arrivalClock.GetTimestamp();
    }

    /// <summary>Ends every open session: the end of a replayed file, or a processor handing its partitions over.</summary>
    public void Flush(List<PlayTransition> output)
    {
        foreach (var session in _openSessions.Values.ToList())
            EndSession(session, output);
    }

    /// <summary>Ends the sessions from which nothing has arrived for <paramref name="idle"/> (live streams only).</summary>
    public void CloseIdleSessions(TimeSpan idle, List<PlayTransition> output)
    {
        var now = _arrivalClock.GetTimestamp();
        foreach (var session in _openSessions.Values.Where(s => _arrivalClock.GetElapsedTime(s.LastArrivalTicks, now) >= idle).ToList())
            EndSession(session, output);
    }

    private SessionState SessionFor(SessionEvent e, List<PlayTransition> output)
    {
        if (_openSessions.TryGetValue(e.SessionId, out var session))
            return session;

        if (_currentSessionOfListener.TryGetValue(e.UserId, out var previousId) && _openSessions.TryGetValue(previousId, out var previous))
            EndSession(previous, output);

        session = new SessionState(e.SessionId, e.UserId, e.Timestamp);
        _openSessions[e.SessionId] = session;
        _currentSessionOfListener[e.UserId] = e.SessionId;
        return session;
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

    private void EndSession(SessionState session, List<PlayTransition> output)
    {
        if (session.OpenPlay is not null)
            Close(session, skipped: false, session.LastEventAt, PlayClosedBy.SessionEnd, output);
        _openSessions.Remove(session.SessionId);
        _endedSessions.Set(session.SessionId, true);
        if (_currentSessionOfListener.TryGetValue(session.UserId, out var current) && current == session.SessionId)
            _currentSessionOfListener.Remove(session.UserId);
    }
}
