namespace Pozytywka.Listening.State;

/// <summary>
/// How much per-partition state a <see cref="Features.ListeningTimeline"/> keeps, so its memory (and what a new
/// owner of the partition restores from the changelog) grows with the live listeners it serves, not with the
/// log's age. Past <see cref="MaxListeners"/> the least recently active listener goes: their open session ends
/// (its last play completed), and if they return they start with an empty history, as a new listener does. Each
/// listener remembers their last <see cref="EndedSessionsPerListener"/> ended sessions, to dead-letter late events;
/// an event of an older one starts a new session. An open session ends once an event of another listener comes
/// <see cref="SessionIdle"/> or more after its last one (<see cref="Plays.PlayReconstructor"/>), and a listener is
/// forgotten altogether, as if dropped for room, once one comes <see cref="ListenerIdle"/> or more after theirs. The
/// Trainer replays with the same limits, so training and serving still agree.
/// </summary>
public sealed record StateLimits(int MaxListeners = StateLimits.DefaultMaxListeners, int EndedSessionsPerListener = StateLimits.DefaultEndedSessionsPerListener)
{
    public const int DefaultMaxListeners = 250_000;
    public const int DefaultEndedSessionsPerListener = 16;
    public static readonly TimeSpan DefaultSessionIdle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan DefaultListenerIdle = TimeSpan.FromDays(90);

    /// <summary>Event time without a listener's event after which their session is over: far longer than any track, so a SKIP always finds its play.</summary>
    public TimeSpan SessionIdle { get; init; } = DefaultSessionIdle;

    /// <summary>Event time without a listener's event after which everything about them is forgotten: they return as a new listener.</summary>
    public TimeSpan ListenerIdle { get; init; } = DefaultListenerIdle;

    public static readonly StateLimits Default = new();
}

/// <summary>What a timeline holds right now, and what its limits have made it drop.</summary>
public sealed record StateSize(int Listeners, int OpenSessions, int EndedSessions, long DroppedListeners, long DroppedEndedSessions, long ExpiredListeners)
{
    public static StateSize Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public static StateSize operator +(StateSize a, StateSize b) => new(a.Listeners + b.Listeners, a.OpenSessions + b.OpenSessions,
        a.EndedSessions + b.EndedSessions, a.DroppedListeners + b.DroppedListeners, a.DroppedEndedSessions + b.DroppedEndedSessions,
        a.ExpiredListeners + b.ExpiredListeners);
}
