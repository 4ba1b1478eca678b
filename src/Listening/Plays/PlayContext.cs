namespace Pozytywka.Listening.Plays;

/// <summary>
/// A play as it is known the moment its PLAY arrives: everything here was observable then, nothing later.
/// <see cref="Position"/> is 1 for the first play of a session.
/// </summary>
public sealed record PlayContext(
    string PlayId,
    long SessionId,
    long UserId,
    string TrackId,
    DateTime StartedAt,
    int Position,
    int SkipsSoFar,
    bool PreviousSkipped,
    bool AdvertisementBefore,
    double SecondsSinceSessionStart,
    double SecondsSincePreviousEvent)
{
    /// <summary>Stable across replays of the same stream: a session's plays are numbered in arrival order.</summary>
    public static string IdFor(long sessionId, int position) => $"{sessionId}-{position}";
}
