using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Outcomes;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// The hosted worker: consumes <c>sessions</c> in a consumer group (cooperative-sticky), gathers micro-batches,
/// scores them through <see cref="PlayScoringPipeline"/>, makes their effects durable and only then commits their
/// offsets — at-least-once, with every downstream write idempotent by play id. Hints are published on the hot
/// path; the batch's store write proceeds in the background while the next batches are scored (at most
/// <see cref="StreamingOptions.MaxBatchesAwaitingStore"/> of them), and offsets are committed in order as
/// writes finish. One dedicated thread owns the consumer, the pipeline and the model, so rebalance callbacks
/// (which run inside Consume) never race a batch.
/// </summary>
public sealed class SessionEventConsumer(
    PlayScoringPipeline pipeline,
    BatchEffectsWriter writer,
    PartitionStateRebuilder rebuilder,
    ResilientPredictionStore store,
    StreamMetrics metrics,
    IOptions<KafkaOptions> kafka,
    IOptions<StreamingOptions> streaming,
    ILogger<SessionEventConsumer> log) : BackgroundService
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(1);
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _batch = [];
    private readonly Queue<(Task Stored, List<TopicPartitionOffset> Offsets)> _awaitingStore = new();
    private readonly CancellationTokenSource _drainDeadline = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override void Dispose()
    {
        base.Dispose();
        _drainDeadline.Dispose();
    }

    private void Run(CancellationToken stopping)
    {
        using var whenStopping = stopping.Register(() => _drainDeadline.CancelAfter(streaming.Value.ShutdownDrainTimeout));
        if (!store.TryDrainJournalAsync(_drainDeadline.Token).GetAwaiter().GetResult())
            log.StoreUnavailableAtStart();

        using var consumer = BuildConsumer();
        consumer.Subscribe(kafka.Value.SessionsTopic);
        log.Consuming(kafka.Value.SessionsTopic, kafka.Value.GroupId, kafka.Value.BootstrapServers);
        var nextHousekeeping = Stopwatch.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                MicroBatch.Fill(consumer, _batch, streaming.Value.MaxBatchSize, streaming.Value.MaxBatchWait, HousekeepingInterval, stopping);
                CompleteBatch(consumer);
                if (Stopwatch.GetTimestamp() >= nextHousekeeping)
                {
                    Housekeeping(consumer);
                    nextHousekeeping = Stopwatch.GetTimestamp() + (long)(HousekeepingInterval.TotalSeconds * Stopwatch.Frequency);
                }
            }
            CompleteBatch(consumer);
            CommitDurable(consumer, waitForAll: true);
            consumer.Close();
            log.StoppedCleanly();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.ConsumerFailed(e);
            throw;
        }
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = kafka.Value.BootstrapServers,
            GroupId = kafka.Value.GroupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            FetchWaitMaxMs = (int)kafka.Value.FetchWaitMax.TotalMilliseconds,
        })
        .SetPartitionsAssignedHandler((consumer, partitions) =>
        {
            log.Assigned(string.Join(", ", partitions));
            rebuilder.Rebuild(consumer, partitions, pipeline);
            metrics.AssignedPartitions.Inc(partitions.Count);
        })
        .SetPartitionsRevokedHandler((consumer, partitions) =>
        {
            // Still the owner here: finish and commit what was consumed, then let the next owner rebuild.
            CompleteBatch(consumer);
            CommitDurable(consumer, waitForAll: true);
            pipeline.Forget(partitions.Select(p => p.Partition.Value));
            metrics.AssignedPartitions.Dec(partitions.Count);
            log.Revoked(string.Join(", ", partitions.Select(p => p.TopicPartition)));
        })
        .SetPartitionsLostHandler((consumer, partitions) =>
        {
            // No longer the owner: nothing of these partitions may be committed; the next owner reprocesses it.
            var lost = partitions.Select(p => p.Partition.Value).ToHashSet();
            _batch.RemoveAll(r => lost.Contains(r.Partition.Value));
            foreach (var pending in _awaitingStore)
                pending.Offsets.RemoveAll(o => lost.Contains(o.Partition.Value));
            pipeline.Forget(lost);
            metrics.AssignedPartitions.Dec(partitions.Count);
            log.Lost(string.Join(", ", partitions.Select(p => p.TopicPartition)));
        })
        .Build();

    private void CompleteBatch(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_batch.Count == 0)
            return;
        var scoring = Stopwatch.StartNew();
        var effects = pipeline.Process(_batch.Select(r => r.ToIncoming()).ToList());
        metrics.BatchScoringSeconds.Observe(scoring.Elapsed.TotalSeconds);
        metrics.BatchSize.Observe(_batch.Count);

        var acknowledgedAt = PublishUntilAcknowledged(effects);
        foreach (var result in _batch)
            metrics.EventToHintSeconds.Observe(Math.Max(0, (acknowledgedAt - result.Message.Timestamp.UtcDateTime).TotalSeconds));
        metrics.Events.WithLabels(StreamMetrics.DeadLettered).Inc(effects.Rejected.Count);
        metrics.Events.WithLabels(StreamMetrics.Processed).Inc(_batch.Count - effects.Rejected.Count);

        var offsets = _batch.GroupBy(r => r.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1))
            .ToList();
        _awaitingStore.Enqueue((writer.StoreAsync(effects.Predictions, effects.Outcomes, _drainDeadline.Token), offsets));
        _batch.Clear();
        CommitDurable(consumer, waitForAll: false);
    }

    /// <summary>
    /// The batch's state changes are already applied, so its effects must go out as they are: on failure the
    /// same hints are sent again (idempotent by play id downstream) until the broker takes them. Only a
    /// shutdown gives up, leaving the batch uncommitted for the next start.
    /// </summary>
    private DateTimeOffset PublishUntilAcknowledged(BatchEffects effects)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return writer.PublishAsync(effects, _drainDeadline.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.PublishFailed(e, effects.Hints.Count, delay);
                if (_drainDeadline.Token.WaitHandle.WaitOne(delay))
                    throw new OperationCanceledException("stopped while the broker refused the batch's hints", e);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>Commits, in order, the offsets of batches whose store write has finished; waits when too many are pending.</summary>
    private void CommitDurable(IConsumer<byte[]?, byte[]?> consumer, bool waitForAll)
    {
        var offsets = new Dictionary<TopicPartition, TopicPartitionOffset>();
        while (_awaitingStore.TryPeek(out var oldest))
        {
            var mustWait = waitForAll || _awaitingStore.Count > streaming.Value.MaxBatchesAwaitingStore;
            if (!oldest.Stored.IsCompleted && !mustWait)
                break;
            oldest.Stored.GetAwaiter().GetResult();
            _awaitingStore.Dequeue();
            foreach (var offset in oldest.Offsets)
                offsets[offset.TopicPartition] = offset;
        }
        if (offsets.Count == 0)
            return;
        try
        {
            consumer.Commit(offsets.Values);
        }
        catch (KafkaException e)
        {
            // The effects are durable and idempotent: if the commit is lost these events are simply processed again.
            log.CommitFailed(e, string.Join(", ", offsets.Values));
        }
    }

    private void Housekeeping(IConsumer<byte[]?, byte[]?> consumer)
    {
        _awaitingStore.Enqueue((writer.StoreAsync([], pipeline.CloseIdleSessions(streaming.Value.SessionIdleTimeout), _drainDeadline.Token), []));
        CommitDurable(consumer, waitForAll: false);
        foreach (var partition in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(partition).High.Value;
            var position = consumer.Position(partition).Value;
            if (high >= 0 && position >= 0)
                metrics.ConsumerLag.WithLabels(partition.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(high - position);
        }
    }
}
