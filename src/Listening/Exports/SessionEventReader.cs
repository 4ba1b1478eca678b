using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.Listening.Exports;

/// <summary>Streams the valid events of <c>sessions.jsonl[.gz]</c> in file order, reporting every invalid line.</summary>
public static class SessionEventReader
{
    public const string Source = "sessions";

    public static IEnumerable<SessionEvent> Read(ExportDirectory export, FaultLog faults)
    {
        if (export.Locate(ExportFile.Sessions) is null)
            faults.Record(Source, "(file)", "missing", export.Path);
        foreach (var line in export.ReadLines(ExportFile.Sessions))
        {
            if (SessionEventParser.TryParse(line.Bytes.Span, out var sessionEvent, out var fault))
                yield return sessionEvent!;
            else
                faults.Record(Source, FieldOf(fault!.Kind), KindOf(fault.Kind), $"{Source} line {line.Number}: {fault.Reason}");
        }
    }

    public static string FieldOf(SessionEventFaultKind kind) => kind switch
    {
        SessionEventFaultKind.InvalidJson or SessionEventFaultKind.TooLarge => "(line)",
        SessionEventFaultKind.MissingTimestamp or SessionEventFaultKind.InvalidTimestamp => "timestamp",
        SessionEventFaultKind.MissingEventType or SessionEventFaultKind.UnknownEventType => "event_type",
        SessionEventFaultKind.MissingUserId => "user_id",
        SessionEventFaultKind.MissingSessionId => "session_id",
        SessionEventFaultKind.MissingTrackId => "track_id",
        SessionEventFaultKind.FieldTooLong => "(field)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string KindOf(SessionEventFaultKind kind) => kind switch
    {
        SessionEventFaultKind.InvalidJson => "invalid JSON",
        SessionEventFaultKind.InvalidTimestamp => "invalid",
        SessionEventFaultKind.UnknownEventType => "unknown value",
        SessionEventFaultKind.TooLarge or SessionEventFaultKind.FieldTooLong => "too long",
        _ => "missing",
    };
}
