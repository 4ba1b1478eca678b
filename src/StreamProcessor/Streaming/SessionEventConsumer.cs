using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// The hosted stream worker: consumes <c>sessions</c> in a consumer group, gathers micro-batches, runs them through
/// <see cref="PlayScoringPipeline"/>, hands their effects to <see cref="EffectsPublisher"/> and commits a batch's
/// offsets once the broker acknowledged its effects (<see cref="InFlightBatches"/>) — while the next batches are
/// already being scored. Nothing on this path waits for the store: the outcome sink copies the predictions topic
/// into it. Each batch's state changes follow its effects into the changelog (<see cref="StateChangelogWriter"/>),
/// and a new owner of a partition restores its state from there (<see cref="StateRestoration"/>). One dedicated
/// thread owns the consumer, the pipeline and the model, so rebalance callbacks (which run inside Consume) never
/// race a batch.
/// </summary>
public sealed class SessionEventConsumer(
    PlayScoringPipeline pipeline,
    EffectsPublisher publisher,
    ChangelogTopic changelogTopic,
    StateChangelogWriter changelog,
    StateRestoration restoration,
    LiveEvaluation live,
    PublishingStatus publishing,
    StreamMetrics metrics,
    TimeProvider clock,
    IOptions<KafkaOptions> kafka,
    IOptions<StreamingOptions> streaming,
    ILogger<SessionEventConsumer> log) : BackgroundService
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(1);
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _batch = [];
    private readonly InFlightBatches _inFlight = new(streaming.Value.MaxBatchesInFlight, clock);
    private readonly CancellationTokenSource _drainDeadline = new();
    private readonly QuietPartitions _quiet = new(streaming.Value.ProducerRetryWindow, clock);

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
        changelogTopic.WaitUntilReadyAsync(stopping).GetAwaiter().GetResult();
        using var consumer = BuildConsumer();
        consumer.Subscribe(kafka.Value.SessionsTopic);
        log.Consuming(kafka.Value.SessionsTopic, kafka.Value.GroupId, kafka.Value.BootstrapServers);
        var nextHousekeeping = Stopwatch.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                MicroBatch.Fill(consumer, _batch, streaming.Value.MaxBatchSize, streaming.Value.MaxBatchWait, HousekeepingInterval, stopping);
                restoration.Advance(consumer);
                CompleteBatch(consumer);
                if (Stopwatch.GetTimestamp() >= nextHousekeeping)
                {
                    Housekeeping(consumer);
                    nextHousekeeping = Stopwatch.GetTimestamp() + (long)(HousekeepingInterval.TotalSeconds * Stopwatch.Frequency);
                }
            }
            CompleteBatch(consumer);
            Commit(consumer, waitForAll: true);
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
        new ConsumerBuilder<byte[]?, byte[]?>(ConsumerSettings.CommittingInBackground(ConsumerSettings.ForGroup(kafka.Value, kafka.Value.GroupId), streaming.Value.CommitInterval))
        .SetPartitionsAssignedHandler((consumer, partitions) =>
        {
            log.Assigned(string.Join(", ", partitions));
            restoration.Begin(partitions);
            metrics.AssignedPartitions.Inc(partitions.Count);
        })
        .SetPartitionsRevokedHandler((consumer, partitions) =>
        {
            // Still the owner here: finish and commit what was consumed (its state changes included), then let the next owner restore.
            CompleteBatch(consumer);
            Commit(consumer, waitForAll: true);
            restoration.Abandon(partitions.Select(p => p.TopicPartition));
            changelog.Forget(partitions.Select(p => p.Partition.Value));
            pipeline.Forget(partitions.Select(p => p.Partition.Value));
            metrics.AssignedPartitions.Dec(partitions.Count);
            log.Revoked(string.Join(", ", partitions.Select(p => p.TopicPartition)));
        })
        .SetPartitionsLostHandler((_, partitions) =>
        {
            // No longer the owner: nothing of these partitions may be committed; the next owner reprocesses it.
            var lost = partitions.Select(p => p.Partition.Value).ToHashSet();
            _batch.RemoveAll(r => lost.Contains(r.Partition.Value));
            _inFlight.Forget(lost);
            changelog.Forget(lost);
            restoration.Abandon(partitions.Select(p => p.TopicPartition));
            pipeline.Forget(lost);
            metrics.AssignedPartitions.Dec(partitions.Count);
            log.Lost(string.Join(", ", partitions.Select(p => p.TopicPartition)));
        })
        .Build();

    private void CompleteBatch(IConsumer<byte[]?, byte[]?> consumer)
    {
        restoration.Hold(consumer, _batch);
        if (_batch.Count == 0)
            return;
        var scoring = Stopwatch.StartNew();
        var incoming = _batch.Select(r => r.ToIncoming()).ToList();
        var effects = pipeline.Process(incoming);
        metrics.BatchScoringSeconds.Observe(scoring.Elapsed.TotalSeconds);
        metrics.BatchSize.Observe(_batch.Count);
        metrics.Events.WithLabels(StreamMetrics.DeadLettered).Inc(effects.Rejected.Count);
        metrics.Events.WithLabels(StreamMetrics.Processed).Inc(_batch.Count - effects.Rejected.Count);
        metrics.UnhintedPlays.Inc(effects.Predictions.Count - effects.Hints.Count);
        metrics.EventsPassedOver.IncTo(pipeline.EventsPassedOver);
        metrics.ErrorsHandled.WithLabels("model_version_unavailable").IncTo(pipeline.RecordedVersionsUnavailable);

        var offsets = MicroBatch.NextOffsets(_batch);
        _batch.Clear();
        Send(effects, offsets);
        Commit(consumer, waitForAll: false);
    }

    private void Send(BatchEffects effects, List<TopicPartitionOffset> offsets)
    {
        // Observed here, on the consumer thread in batch order, so a prediction is always seen before its outcome.
        live.Observe(effects.Predictions, effects.Outcomes, effects.Hints);
        var recorded = changelog.RecordAsync(effects.ModelChoices, _drainDeadline.Token);
        _inFlight.Add(changelog.WriteAfter(PublishAsync(recorded, effects), effects.StateChanges, _drainDeadline.Token), offsets);
    }

    /// <summary>A hint's decision time is its PLAY's Kafka timestamp, so only PLAYs that were hinted are timed.</summary>
    private async Task PublishAsync(Task modelChoicesRecorded, BatchEffects effects)
    {
        await modelChoicesRecorded;
        var acknowledgedAt = await publisher.PublishAsync(effects, _drainDeadline.Token);
        foreach (var hint in effects.Hints)
            metrics.EventToHintSeconds.Observe(Math.Max(0, (acknowledgedAt - hint.DecisionTime).TotalSeconds));
    }

    /// <summary>
    /// Marks the acknowledged offsets for commit; librdkafka commits them in the background every
    /// <see cref="StreamingOptions.CommitInterval"/>, as Kafka Streams does, so no commit round trip stalls this
    /// thread. With <paramref name="waitForAll"/> (stopping, a revocation) everything in flight is awaited and
    /// committed at once. After a crash at most about one interval is processed again, with identical effects.
    /// </summary>
    private void Commit(IConsumer<byte[]?, byte[]?> consumer, bool waitForAll)
    {
        // While waiting on the broker, the lag is asked of it: this consumer's own view stops while it does not poll.
        var offsets = _inFlight.TakeCommittable(waitForAll, () => ReportPublishing(consumer, askTheBroker: true));
        ReportPublishing(consumer, askTheBroker: false);
        try
        {
            foreach (var offset in offsets)
                consumer.StoreOffset(offset);
            if (waitForAll)
                consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing new to commit.
        }
        catch (KafkaException e)
        {
            // The effects are durable and idempotent: if the commit is lost these events are simply processed again.
            log.CommitFailed(e, string.Join(", ", offsets));
            metrics.ErrorsHandled.WithLabels("offset_commit").Inc();
        }
    }

    private void Housekeeping(IConsumer<byte[]?, byte[]?> consumer)
    {
        CloseQuietSessions(consumer);
        Commit(consumer, waitForAll: false);
        consumer.MeasureLag(metrics.ConsumerLag, Unanswered);
        metrics.ReportState(pipeline.StateSize);
    }

    /// <summary>
    /// Sessions end on event time, which stands still while nothing arrives. A partition quiet for
    /// <see cref="StreamingOptions.QuietPartitionTimeout"/> has its open sessions ended once nothing more can come
    /// (<see cref="QuietPartitions"/>): during a broker outage the broker's answers fail, so an outage never ends a session early.
    /// </summary>
    private void CloseQuietSessions(IConsumer<byte[]?, byte[]?> consumer)
    {
        var closing = _quiet.ToClose(pipeline.PartitionsGoneQuiet(streaming.Value.QuietPartitionTimeout),
            partitions => consumer.ConfirmedFullyRead(kafka.Value.SessionsTopic, partitions, Unanswered));
        if (closing.Count == 0)
            return;
        var ended = pipeline.CloseQuietSessions(closing);
        if (ended.Outcomes.Count > 0 || ended.StateChanges.Count > 0)
            Send(ended, []);
    }

    private void Unanswered(KafkaException e, string question, string partitions)
    {
        log.BrokerQuestionUnanswered(e, question, partitions);
        metrics.ErrorsHandled.WithLabels("broker_question").Inc();
    }

    private void ReportPublishing(IConsumer<byte[]?, byte[]?> consumer, bool askTheBroker)
    {
        // A new owner's claim on the changelog is a write the broker must acknowledge before any hint of its partitions goes out.
        publishing.Update(new[] { _inFlight.OldestSentAt, restoration.OldestClaimSentAt }.Min());
        metrics.UnacknowledgedSeconds.Set(publishing.WaitingFor.TotalSeconds);
        if (askTheBroker)
            consumer.MeasureLag(metrics.ConsumerLag, Unanswered, askTheBroker: true);
    }
}
