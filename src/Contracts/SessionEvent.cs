namespace Pozytywka.Contracts;

/// <summary>
/// A validated session event. <see cref="TrackId"/> is null exactly when the type does not refer to a track.
/// Timestamps are UTC; the exports carry no zone and are read as UTC.
/// </summary>
public sealed record SessionEvent(
    DateTime Timestamp,
    long UserId,
    string? TrackId,
    SessionEventType Type,
    long SessionId);
