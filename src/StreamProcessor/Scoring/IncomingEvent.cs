namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>
/// A raw session event as it came off the topic, with where it came from and its record timestamp: the time it
/// entered the log, which a replay reads back unchanged, so decisions stamped with it are reproducible.
/// </summary>
public sealed record IncomingEvent(byte[]? Key, byte[] Value, string Topic, int Partition, long Offset, DateTime? LoggedAt = null);

/// <summary>An event that could not be used, to be dead-lettered with its original bytes; the session when the event named one.</summary>
public sealed record Rejected(IncomingEvent Event, string Kind, string Reason, long? SessionId = null);

/// <summary>
/// What one batch of events produced: everything the processor must make durable before committing. A switch of
/// model version is recorded before anything else is published, so no hint scored with it exists without it; the
/// state changes go to the changelog only after the rest is acknowledged, so a listener's changelog never covers an
/// event whose effects could still be lost.
/// </summary>
public sealed record BatchEffects(
    IReadOnlyList<Contracts.CacheHint> Hints,
    IReadOnlyList<Contracts.PredictionRecord> Predictions,
    IReadOnlyList<Contracts.PlayOutcome> Outcomes,
    IReadOnlyList<Rejected> Rejected,
    IReadOnlyList<PartitionStateChanges> StateChanges,
    IReadOnlyList<PartitionModelChoices> ModelChoices);

/// <summary>The listeners of one <c>sessions</c> partition whose state changed, for that partition's changelog.</summary>
public sealed record PartitionStateChanges(int Partition, IReadOnlyList<Listening.State.StateChange> Changes);
