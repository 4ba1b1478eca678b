namespace Pozytywka.Contracts;

/// <summary>Why a session event could not be used. Every kind is counted and reported, never fatal.</summary>
public enum SessionEventFaultKind
{
    InvalidJson,
    MissingTimestamp,
    InvalidTimestamp,
    MissingEventType,
    UnknownEventType,
    MissingUserId,
    MissingSessionId,
    MissingTrackId,

    /// <summary>The whole event is larger than any real one can be (<see cref="Json.SessionEventParser.MaxEventBytes"/>).</summary>
    TooLarge,

    /// <summary>An id or a text field is longer than any real one (<see cref="Json.SessionEventParser.MaxFieldLength"/>).</summary>
    FieldTooLong,
}

public sealed record SessionEventFault(SessionEventFaultKind Kind, string Reason);
