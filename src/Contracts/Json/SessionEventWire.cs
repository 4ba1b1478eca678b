using System.Text.Json.Serialization;

namespace Pozytywka.Contracts.Json;

/// <summary>A session event as it stands in an export line or a Kafka message, before validation.</summary>
public sealed class SessionEventWire
{
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; set; }

    [JsonPropertyName("user_id"), JsonConverter(typeof(LenientInt64IdConverter))]
    public long? UserId { get; set; }

    [JsonPropertyName("track_id"), JsonConverter(typeof(LenientStringIdConverter))]
    public string? TrackId { get; set; }

    [JsonPropertyName("event_type")]
    public string? EventType { get; set; }

    [JsonPropertyName("session_id"), JsonConverter(typeof(LenientInt64IdConverter))]
    public long? SessionId { get; set; }
}
