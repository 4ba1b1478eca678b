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
}

public sealed record SessionEventFault(SessionEventFaultKind Kind, string Reason);
