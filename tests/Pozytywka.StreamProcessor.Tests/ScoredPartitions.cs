using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The tests' owner of partitions' scoring state, which the processor's tasks hold: feeds a pipeline batches that mix partitions.</summary>
public sealed class ScoredPartitions(PlayScoringPipeline pipeline)
{
    private readonly Dictionary<int, PartitionScoring> _states = [];

    public PlayScoringPipeline Pipeline => pipeline;

    public BatchEffects Process(IEnumerable<IncomingEvent> batch) =>
        pipeline.Process(batch.GroupBy(e => e.Partition).Select(g => new PartitionEvents(StateOf(g.Key), g.ToList())).ToList());

    /// <returns>How many listeners did not fit.</returns>
    public int Restore(int partition, ChangelogContents contents)
    {
        (_states[partition], var unfit) = pipeline.Restore(partition, contents.Listeners, contents.Forgotten, contents.Models, 0);
        return unfit;
    }

    public IReadOnlyList<PlayOutcome> Flush() => pipeline.Flush(_states.Values);

    private PartitionScoring StateOf(int partition)
    {
        if (!_states.TryGetValue(partition, out var state))
            _states[partition] = state = pipeline.NewPartition(partition);
        return state;
    }
}
