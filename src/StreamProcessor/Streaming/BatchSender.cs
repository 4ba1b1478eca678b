using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Makes a batch's effects durable in the order they may be: its switches of model version into the changelog
/// first, then its hints, records and dead letters (<see cref="EffectsPublisher"/>), then its state changes
/// (<see cref="StateChangelogWriter"/>), each stamped by its task's <see cref="ChangelogOwnership"/>. Every task of
/// the batch waits on the whole before it may commit. Nothing on this path waits for the store: the outcome sink
/// copies the predictions topic into it.
/// </summary>
public sealed class BatchSender(EffectsPublisher publisher, StateChangelogWriter changelog, LiveEvaluation live, StreamMetrics metrics) : IDisposable
{
    private readonly CancellationTokenSource _drainDeadline = new();

    /// <param name="completes">The batch's tasks, each with the offset the batch lets it commit (none for effects that complete no event).</param>
    public void Send(BatchEffects effects, IReadOnlyList<(PartitionTask Task, long? Next)> completes)
    {
        var tasks = completes.ToDictionary(c => c.Task.Partition, c => c.Task);
        // Observed here, on the stream thread in batch order, so a prediction is always seen before its outcome.
        live.Observe(effects.Predictions, effects.Outcomes, effects.Hints);
        var switches = effects.ModelChoices.SelectMany(s => tasks[s.Partition].Ownership!.Record(s.Choices)).ToList();
        var recorded = changelog.RecordAsync(switches, _drainDeadline.Token);
        var writes = effects.StateChanges.Select(c => tasks[c.Partition].Ownership!.Stamp(c.Changes)).ToList();
        var written = changelog.WriteAfter(PublishAsync(recorded, effects), writes, _drainDeadline.Token);
        foreach (var (task, next) in completes)
            task.Commits.Add(written, next);
    }

    /// <summary>From now on, what is still unacknowledged is given up after <paramref name="timeout"/>: a shutdown.</summary>
    public void DrainWithin(TimeSpan timeout) => _drainDeadline.CancelAfter(timeout);

    public void Dispose() => _drainDeadline.Dispose();

    /// <summary>A hint's decision time is its PLAY's Kafka timestamp, so only PLAYs that were hinted are timed.</summary>
    private async Task PublishAsync(Task modelChoicesRecorded, BatchEffects effects)
    {
        await modelChoicesRecorded;
        var acknowledgedAt = await publisher.PublishAsync(effects, _drainDeadline.Token);
        foreach (var hint in effects.Hints)
            metrics.EventToHintSeconds.Observe(Math.Max(0, (acknowledgedAt - hint.DecisionTime).TotalSeconds));
    }
}
