using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Plays;

/// <summary>The running state of one session: the play context so far and the play still open, if any.</summary>
internal sealed class SessionState(long sessionId, long userId, DateTime startedAt)
{
    public long SessionId { get; } = sessionId;
    public long UserId { get; } = userId;
    public DateTime StartedAt { get; } = startedAt;
    public DateTime LastEventAt { get; set; } = startedAt;
    public int PlaysStarted { get; set; }
    public int SkipsSoFar { get; set; }
    public bool PreviousSkipped { get; set; }
    public bool AdvertisementSinceLastPlay { get; set; }
    public PlayContext? OpenPlay { get; set; }
    public bool OpenPlayLiked { get; set; }

    public SessionCheckpoint Checkpoint() => new(SessionId, StartedAt, LastEventAt, PlaysStarted, SkipsSoFar, PreviousSkipped,
        AdvertisementSinceLastPlay, OpenPlay, OpenPlayLiked);

    /// <summary>A session carried over from a checkpoint.</summary>
    public static SessionState From(SessionCheckpoint saved, long userId) => new(saved.SessionId, userId, saved.StartedAt)
    {
        LastEventAt = saved.LastEventAt,
        PlaysStarted = saved.PlaysStarted,
        SkipsSoFar = saved.SkipsSoFar,
        PreviousSkipped = saved.PreviousSkipped,
        AdvertisementSinceLastPlay = saved.AdvertisementSinceLastPlay,
        OpenPlay = saved.OpenPlay,
        OpenPlayLiked = saved.OpenPlayLiked,
    };
}
