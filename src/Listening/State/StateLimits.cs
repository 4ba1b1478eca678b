namespace Pozytywka.Listening.State;

/// <summary>
/// How much per-partition state a <see cref="Features.ListeningTimeline"/> keeps, so its memory grows with the
/// live listeners it serves, not with the log's age. Past a limit the least recently active entry goes: a
/// listener who returns after being dropped starts with an empty history (as a new listener does), and an event
/// of a session dropped from the ended ones starts a new session instead of being dead-lettered as late. The
/// Trainer replays with the same limits, so training and serving still agree.
/// </summary>
public sealed record StateLimits(int MaxListeners = StateLimits.DefaultMaxListeners, int MaxEndedSessions = StateLimits.DefaultMaxEndedSessions)
{
    public const int DefaultMaxListeners = 250_000;
    public const int DefaultMaxEndedSessions = 100_000;

    public static readonly StateLimits Default = new();
}

/// <summary>What a timeline holds right now, and what its limits have made it drop.</summary>
public sealed record StateSize(int Listeners, int OpenSessions, int EndedSessions, long DroppedListeners, long DroppedEndedSessions);
