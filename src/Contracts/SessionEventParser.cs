using System.Text.Json;
using Pozytywka.Contracts.Json;

namespace Pozytywka.Contracts;

/// <summary>Turns one JSON line or message into a <see cref="SessionEvent"/> or a fault that says why not.</summary>
public static class SessionEventParser
{
    public static bool TryParse(ReadOnlySpan<byte> json, out SessionEvent? sessionEvent, out SessionEventFault? fault)
    {
        SessionEventWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.SessionEventWire);
        }
        catch (JsonException e)
        {
            return Fail(SessionEventFaultKind.InvalidJson, $"invalid JSON: {e.Message}", out sessionEvent, out fault);
        }

        if (wire is null)
            return Fail(SessionEventFaultKind.InvalidJson, "invalid JSON: the line is null", out sessionEvent, out fault);
        return TryValidate(wire, out sessionEvent, out fault);
    }

    private static bool TryValidate(SessionEventWire wire, out SessionEvent? sessionEvent, out SessionEventFault? fault)
    {
        if (string.IsNullOrWhiteSpace(wire.Timestamp))
            return Fail(SessionEventFaultKind.MissingTimestamp, "timestamp is missing", out sessionEvent, out fault);
        if (!Timestamps.TryParse(wire.Timestamp, out var timestamp))
            return Fail(SessionEventFaultKind.InvalidTimestamp, $"timestamp '{wire.Timestamp}' is not ISO 8601", out sessionEvent, out fault);
        if (string.IsNullOrWhiteSpace(wire.EventType))
            return Fail(SessionEventFaultKind.MissingEventType, "event_type is missing", out sessionEvent, out fault);
        if (!SessionEventTypes.TryParse(wire.EventType, out var type))
            return Fail(SessionEventFaultKind.UnknownEventType, $"unknown event_type '{wire.EventType}'", out sessionEvent, out fault);
        if (wire.UserId is not { } userId)
            return Fail(SessionEventFaultKind.MissingUserId, "user_id is missing or invalid", out sessionEvent, out fault);
        if (wire.SessionId is not { } sessionId)
            return Fail(SessionEventFaultKind.MissingSessionId, "session_id is missing or invalid", out sessionEvent, out fault);
        if (type.RefersToTrack() && wire.TrackId is null)
            return Fail(SessionEventFaultKind.MissingTrackId, $"{type.ToWire()} without track_id", out sessionEvent, out fault);

        sessionEvent = new SessionEvent(timestamp, userId, type.RefersToTrack() ? wire.TrackId : null, type, sessionId);
        fault = null;
        return true;
    }

    private static bool Fail(SessionEventFaultKind kind, string reason, out SessionEvent? sessionEvent, out SessionEventFault? fault)
    {
        sessionEvent = null;
        fault = new SessionEventFault(kind, reason);
        return false;
    }
}
