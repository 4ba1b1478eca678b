using Pozytywka.Listening.Features;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>
/// What scoring one <c>sessions</c> partition needs to remember: its listeners' timeline, the model versions it
/// recorded, the offset before which no switch may take effect, and when an event last arrived (on the
/// <see cref="TimeProvider"/>'s timestamp scale). Made by <see cref="PlayScoringPipeline"/>, held by the partition's task.
/// </summary>
public sealed class PartitionScoring(int partition, ListeningTimeline timeline, ModelChoices? choices, long switchNotBefore, long lastArrival)
{
    public int Partition { get; } = partition;

    public ListeningTimeline Timeline { get; } = timeline;

    public ModelChoices? Choices { get; set; } = choices;

    public long SwitchNotBefore { get; } = switchNotBefore;

    public long LastArrival { get; set; } = lastArrival;
}

/// <summary>A batch's events of one partition, in log order, and the partition's scoring state they are applied to.</summary>
public sealed record PartitionEvents(PartitionScoring State, IReadOnlyList<IncomingEvent> Events);
