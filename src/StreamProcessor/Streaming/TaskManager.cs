using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.Listening.State;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// The tasks of one stream thread, one per assigned partition, as Kafka Streams' TaskManager: assignment creates a
/// task and starts reading its state, a finished read starts it, revocation closes it (the thread has completed and
/// committed it first), loss abandons it. Records are routed to their task; a batch takes what every running task
/// holds through the pipeline and hands the effects to <see cref="BatchSender"/>; the thread commits what the tasks
/// report acknowledged.
/// </summary>
public sealed class TaskManager(PlayScoringPipeline pipeline, ChangelogRestorer restorer, BatchSender sender, StreamMetrics metrics, TimeProvider clock,
    IOptions<KafkaOptions> kafka, IOptions<StreamingOptions> streaming, ILogger<TaskManager> log) : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Dictionary<int, PartitionTask> _tasks = [];
    private readonly QuietPartitions _quiet = new(streaming.Value.ProducerRetryWindow, clock);

    public int Count => _tasks.Count;

    /// <summary>Tasks still reading their state, their partitions paused.</summary>
    public int Restoring => _tasks.Values.Count(t => t.Restoring is not null);

    /// <summary>Since when the oldest batch or claim has waited for the broker's acknowledgement; null when none waits.</summary>
    public DateTime? OldestUnacknowledgedAt => _tasks.Values.Select(t => t.Restoring?.ClaimSentAt ?? t.Commits.OldestSentAt).Min();

    public StateSize StateSize => _tasks.Values.Where(t => t.Scoring is not null).Aggregate(StateSize.Zero, (sum, t) => sum + t.Scoring!.Timeline.Size);

    /// <summary>Partitions just assigned (inside the rebalance callback, before the assignment takes effect): each restores before it runs.</summary>
    public void Assign(IReadOnlyCollection<TopicPartition> partitions)
    {
        var read = StateRead.Start(restorer, [.. partitions.Select(p => p.Partition.Value)], TimeSpan.Zero, clock);
        foreach (var partition in partitions)
        {
            var task = new PartitionTask(partition, clock);
            task.Restore(read);
            _tasks[task.Partition] = task;
        }
        log.Assigned(string.Join(", ", partitions));
    }

    /// <summary>
    /// Partitions no longer owned. Revoked ones were completed and committed by the thread first, so only a read still
    /// running is cancelled; lost ones may still have writes on their way, which are given up: the next owner restores
    /// from what is committed, and anything of theirs landing late is fenced.
    /// </summary>
    public void Remove(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (!_tasks.Remove(partition.Partition.Value, out var task))
                continue;
            task.Abandon();
            task.Dispose();
        }
    }

    public void Route(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (_tasks.TryGetValue(record.Partition.Value, out var task))
            task.Take(record);
    }

    /// <summary>Each turn of the thread: pauses what was just assigned and starts the tasks whose state is in place.</summary>
    public void Advance(IConsumer<byte[]?, byte[]?> consumer)
    {
        var toPause = _tasks.Values.Where(t => t.PauseRequested).ToList();
        if (toPause.Count > 0)
            consumer.Pause(toPause.Select(t => t.TopicPartition));
        toPause.ForEach(t => t.PauseRequested = false);
        var read = _tasks.Values.Where(t => t.Restoring?.Read.IsCompleted == true).ToLookup(t => t.Restoring!.Read.IsCompletedSuccessfully);
        foreach (var task in read[true])
        {
            if (Start(task, task.Restoring!) is { } heldFrom)
                consumer.Seek(new TopicPartitionOffset(task.TopicPartition, heldFrom));
            consumer.Resume([task.TopicPartition]);
        }
        if (read[false].ToList() is { Count: > 0 } failed)
        {
            var failure = failed[0].Restoring!.Read.Exception?.GetBaseException() ?? new OperationCanceledException();
            log.RestoreFailed(failure, string.Join(", ", failed.Select(t => t.TopicPartition)));
            var again = StateRead.Start(restorer, [.. failed.Select(t => t.Partition)], RetryDelay, clock);
            failed.ForEach(t => t.Restore(again));
        }
    }

    /// <summary>Runs what the tasks hold through the pipeline as one batch and sends its effects; false when they held nothing.</summary>
    public bool ProcessBuffered()
    {
        var taken = _tasks.Values.Select(t => (Task: t, Taken: t.TakeBuffered())).Where(t => t.Taken is not null).ToList();
        if (taken.Count == 0)
            return false;
        var (passedOver, unavailable) = (pipeline.EventsPassedOver, pipeline.RecordedVersionsUnavailable);
        var scoring = System.Diagnostics.Stopwatch.StartNew();
        var effects = pipeline.Process(taken.ConvertAll(t => t.Taken!.Value.Events));
        var events = taken.Sum(t => t.Taken!.Value.Events.Events.Count);
        metrics.BatchScoringSeconds.Observe(scoring.Elapsed.TotalSeconds);
        metrics.BatchSize.Observe(events);
        metrics.Events.WithLabels(StreamMetrics.DeadLettered).Inc(effects.Rejected.Count);
        metrics.Events.WithLabels(StreamMetrics.Processed).Inc(events - effects.Rejected.Count);
        metrics.UnhintedPlays.Inc(effects.Predictions.Count - effects.Hints.Count);
        metrics.EventsPassedOver.Inc(pipeline.EventsPassedOver - passedOver);
        metrics.ErrorsHandled.WithLabels("model_version_unavailable").Inc(pipeline.RecordedVersionsUnavailable - unavailable);
        sender.Send(effects, taken.ConvertAll(t => (t.Task, (long?)t.Taken!.Value.Next)));
        return true;
    }

    /// <summary>
    /// Sessions end on event time, which stands still while nothing arrives. A partition quiet for
    /// <see cref="StreamingOptions.QuietPartitionTimeout"/> has its open sessions ended once nothing more can come
    /// (<see cref="QuietPartitions"/>): during a broker outage the broker's answers fail, so an outage never ends a session early.
    /// </summary>
    public void CloseQuietSessions(IConsumer<byte[]?, byte[]?> consumer, UnansweredQuestion unanswered)
    {
        var quiet = _tasks.Values.Where(t => t.Scoring is { } s && pipeline.GoneQuiet(s, streaming.Value.QuietPartitionTimeout)).Select(t => t.Partition).ToList();
        var closing = _quiet.ToClose(quiet, partitions => consumer.ConfirmedFullyRead(kafka.Value.SessionsTopic, partitions, unanswered))
            .Select(p => _tasks[p]).ToList();
        if (closing.Count == 0)
            return;
        var ended = pipeline.CloseQuietSessions(closing.ConvertAll(t => t.Scoring!));
        if (ended.Outcomes.Count > 0 || ended.StateChanges.Count > 0)
            sender.Send(ended, closing.ConvertAll(t => (t, (long?)null)));
    }

    /// <summary>
    /// The offsets to commit now: each task's acknowledged prefix, after waiting for its oldest batches while more than
    /// <see cref="StreamingOptions.MaxBatchesInFlight"/> wait (backpressure) or, with <paramref name="waitForAll"/>, for all.
    /// </summary>
    public List<TopicPartitionOffset> TakeCommittable(bool waitForAll, Action whileWaiting)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var task in _tasks.Values)
        {
            if (task.Commits.TakeCommittable(waitForAll ? 0 : streaming.Value.MaxBatchesInFlight, whileWaiting) is { } next)
                offsets.Add(new TopicPartitionOffset(task.TopicPartition, next));
        }
        return offsets;
    }

    public void Dispose() => Remove(_tasks.Values.Select(t => t.TopicPartition).ToList());

    private long? Start(PartitionTask task, StateRead read)
    {
        var restored = read.Of(task.Partition);
        var contents = restored.Contents;
        var (scoring, unfit) = pipeline.Restore(task.Partition, contents.Listeners, contents.Forgotten, contents.Models, restored.SessionsEnd);
        var ownership = new ChangelogOwnership(kafka.Value.ChangelogTopic, task.Partition, restored.Epoch, contents.StoredAt,
            contents.Models is null ? null : contents.ModelsEpoch, task.Abandoned);
        if (contents.Unreadable > 0 || unfit > 0)
            log.ChangelogUnusable(task.TopicPartition.ToString(), contents.Unreadable, unfit);
        metrics.RestoredListeners.Inc(contents.Listeners.Count - unfit);
        metrics.RestoreSeconds.Observe(read.Clock.Elapsed.TotalSeconds);
        log.Restored(task.TopicPartition.ToString(), contents.Listeners.Count - unfit, restored.Records, read.Clock.Elapsed.TotalSeconds, $"epoch {restored.Epoch}");
        return task.Start(scoring, ownership);
    }
}
