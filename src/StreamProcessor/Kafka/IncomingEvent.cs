namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>
/// A raw session event as it came off the topic, with where it came from and its record timestamp: the time it
/// entered the log, which a replay reads back unchanged, so decisions stamped with it are reproducible.
/// </summary>
public sealed record IncomingEvent(byte[]? Key, byte[] Value, string Topic, int Partition, long Offset, DateTime? LoggedAt = null);

/// <summary>An event that could not be used, to be dead-lettered with its original bytes; the session when the event named one.</summary>
public sealed record Rejected(IncomingEvent Event, string Kind, string Reason, long? SessionId = null);
