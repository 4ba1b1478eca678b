using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Scoring;

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
