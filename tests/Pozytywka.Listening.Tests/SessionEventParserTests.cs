using System.Text;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.Listening.Tests;

public class SessionEventParserTests
{
    private static (SessionEvent? Event, SessionEventFault? Fault) Parse(string json)
    {
        var parsed = SessionEventParser.TryParse(Encoding.UTF8.GetBytes(json), out var e, out var fault);
        Assert.Equal(parsed, fault is null);
        return (e, fault);
    }

    [Theory]
    [InlineData("PLAY", SessionEventType.Play)]
    [InlineData("skip", SessionEventType.Skip)]
    [InlineData("Like", SessionEventType.Like)]
    [InlineData("advertisement", SessionEventType.Advertisement)]
    [InlineData("buy_premium", SessionEventType.BuyPremium)]
    public void Event_types_parse_in_any_case(string wire, SessionEventType expected)
    {
        var track = expected.RefersToTrack() ? "t1" : "";
        var (e, fault) = Parse($$"""{"timestamp": "2023-01-03T05:09:55", "user_id": 101, "track_id": "{{track}}", "event_type": "{{wire}}", "session_id": 7}""");
        Assert.Null(fault);
        Assert.Equal(expected, e!.Type);
    }

    [Fact]
    public void Timestamps_with_and_without_fractional_seconds_are_read_as_utc()
    {
        var (whole, _) = Parse("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "t", "event_type": "PLAY", "session_id": 1}""");
        var (fraction, _) = Parse("""{"timestamp": "2023-01-03T05:14:02.707000", "user_id": 1, "track_id": "t", "event_type": "PLAY", "session_id": 1}""");
        Assert.Equal(new DateTime(2023, 1, 3, 5, 9, 55, DateTimeKind.Utc), whole!.Timestamp);
        Assert.Equal(DateTimeKind.Utc, fraction!.Timestamp.Kind);
        Assert.Equal(707, fraction.Timestamp.Millisecond);
    }

    [Theory]
    [InlineData("2023-01-03T05:09:55")]
    [InlineData("2023-01-03T05:14:02.707000")]
    [InlineData("2023-01-03T05:14:02.7")]
    [InlineData("2023-01-03T05:14:02.1234567")]
    [InlineData("2023-01-03 05:14:02")]
    [InlineData("2023-01-03T05:14:02Z")]
    [InlineData("2023-01-03T05:14:02.5+02:00")]
    [InlineData("2023-01-03")]
    public void The_exports_spellings_read_exactly_as_the_lenient_parse_reads_them(string text)
    {
        Assert.True(DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var lenient));
        Assert.True(Timestamps.TryParse(text, out var read));
        Assert.Equal((lenient, lenient.Kind), (read, read.Kind));
    }

    [Fact]
    public void Ids_written_as_strings_are_accepted()
    {
        var (e, fault) = Parse("""{"timestamp": "2023-01-03T05:09:55", "user_id": "101", "track_id": 42, "event_type": "PLAY", "session_id": "9"}""");
        Assert.Null(fault);
        Assert.Equal((101L, "42", 9L), (e!.UserId, e.TrackId, e.SessionId));
    }

    [Fact]
    public void Non_track_events_carry_no_track_id()
    {
        var (e, _) = Parse("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "", "event_type": "ADVERTISEMENT", "session_id": 1}""");
        Assert.Null(e!.TrackId);
    }

    [Theory]
    [InlineData("""{"timestamp": "2023-01-0""", SessionEventFaultKind.InvalidJson)]
    [InlineData("""{"user_id": 1, "track_id": "t", "event_type": "PLAY", "session_id": 1}""", SessionEventFaultKind.MissingTimestamp)]
    [InlineData("""{"timestamp": "yesterday", "user_id": 1, "track_id": "t", "event_type": "PLAY", "session_id": 1}""", SessionEventFaultKind.InvalidTimestamp)]
    [InlineData("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "t", "session_id": 1}""", SessionEventFaultKind.MissingEventType)]
    [InlineData("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "t", "event_type": "PAUSE", "session_id": 1}""", SessionEventFaultKind.UnknownEventType)]
    [InlineData("""{"timestamp": "2023-01-03T05:09:55", "user_id": null, "track_id": "t", "event_type": "PLAY", "session_id": 1}""", SessionEventFaultKind.MissingUserId)]
    [InlineData("""{"timestamp": "2023-01-03T05:09:55", "user_id": -1, "track_id": "t", "event_type": "PLAY", "session_id": 1}""", SessionEventFaultKind.MissingUserId)]
    [InlineData("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "t", "event_type": "PLAY", "session_id": -1}""", SessionEventFaultKind.MissingSessionId)]
    [InlineData("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "-1", "event_type": "SKIP", "session_id": 1}""", SessionEventFaultKind.MissingTrackId)]
    [InlineData("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": null, "event_type": "LIKE", "session_id": 1}""", SessionEventFaultKind.MissingTrackId)]
    public void Invalid_events_are_faults_with_a_reason(string json, SessionEventFaultKind kind)
    {
        var (e, fault) = Parse(json);
        Assert.Null(e);
        Assert.Equal(kind, fault!.Kind);
        Assert.False(string.IsNullOrWhiteSpace(fault.Reason));
    }

    [Fact]
    public void An_unknown_type_names_itself_in_the_reason()
    {
        var (_, fault) = Parse("""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "t", "event_type": "REWIND", "session_id": 1}""");
        Assert.Contains("REWIND", fault!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_events_and_fields_are_rejected_with_a_reason_that_names_the_size_not_the_value()
    {
        var longTrack = new string('x', SessionEventParser.MaxFieldLength + 1);
        var (_, field) = Parse($$"""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "{{longTrack}}", "event_type": "PLAY", "session_id": 1}""");
        Assert.Equal(SessionEventFaultKind.FieldTooLong, field!.Kind);
        Assert.Contains("track_id is 257 characters", field.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", field.Reason, StringComparison.Ordinal);

        var (_, whole) = Parse($$"""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "t", "event_type": "PLAY", "session_id": 1, "padding": "{{new string(' ', SessionEventParser.MaxEventBytes)}}"}""");
        Assert.Equal(SessionEventFaultKind.TooLarge, whole!.Kind);

        var (fine, none) = Parse($$"""{"timestamp": "2023-01-03T05:09:55", "user_id": 1, "track_id": "{{new string('x', SessionEventParser.MaxFieldLength)}}", "event_type": "PLAY", "session_id": 1}""");
        Assert.Null(none);
        Assert.Equal(SessionEventParser.MaxFieldLength, fine!.TrackId!.Length);
    }
}
