using System.Text.Json;

namespace Pozytywka.Contracts.Json;

/// <summary>Turns one JSON line or message into a <see cref="SessionEvent"/> or a fault that says why not.</summary>
public static class SessionEventParser
{
    /// <summary>A real event is about 150 bytes; anything beyond this is rejected before it is read.</summary>
    public const int MaxEventBytes = 16 * 1024;

    /// <summary>Track ids are 22 characters, timestamps and event types shorter; a longer field is rejected.</summary>
    public const int MaxFieldLength = 256;

    public static bool TryParse(ReadOnlySpan<byte> json, out SessionEvent? sessionEvent, out SessionEventFault? fault)
    {
        if (json.Length > MaxEventBytes)
            return Fail(SessionEventFaultKind.TooLarge, $"the event is {json.Length:N0} bytes, more than the {MaxEventBytes:N0} any real event needs", out sessionEvent, out fault);
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
        foreach (var (name, value) in new[] { ("timestamp", wire.Timestamp), ("event_type", wire.EventType), ("track_id", wire.TrackId) })
        {
            // The reason names the field and its length, never the value: it goes into headers and logs.
            if (value?.Length > MaxFieldLength)
                return Fail(SessionEventFaultKind.FieldTooLong, $"{name} is {value.Length:N0} characters long, more than {MaxFieldLength}", out sessionEvent, out fault);
        }
        if (string.IsNullOrWhiteSpace(wire.Timestamp))
            return Fail(SessionEventFaultKind.MissingTimestamp, "timestamp is missing", out sessionEvent, out fault);
        if (!Timestamps.TryParse(wire.Timestamp, out var timestamp))
            return Fail(SessionEventFaultKind.InvalidTimestamp, $"timestamp '{wire.Timestamp}' is not a date and time", out sessionEvent, out fault);
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
