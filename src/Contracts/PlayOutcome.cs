namespace Pozytywka.Contracts;

/// <summary>What closed a play: the event or condition that made its outcome known.</summary>
public enum PlayClosedBy
{
    /// <summary>A SKIP of the playing track: skipped.</summary>
    Skip,

    /// <summary>The next PLAY in the session: completed.</summary>
    NextPlay,

    /// <summary>The listener's next session began, the input ended, or the session went quiet: completed.</summary>
    SessionEnd,

    /// <summary>Reported by a client over HTTP for a prediction it asked for.</summary>
    Reported,
}

/// <summary>The real outcome of a play, known once the play is closed.</summary>
public sealed record PlayOutcome(
    string PlayId,
    long SessionId,
    long UserId,
    string TrackId,
    bool Skipped,
    bool LikedWhilePlaying,
    double SecondsPlayed,
    DateTime StartedAt,
    DateTime ClosedAt,
    PlayClosedBy ClosedBy);
