using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// One stream thread, as Kafka Streams': a consumer of <c>sessions</c> in the group, whose records it routes to the
/// tasks of its partitions (<see cref="TaskManager"/>); it has them process what they hold as a micro-batch and
/// commits what they report acknowledged, while later batches are already being scored. The thread owns the
/// consumer and its tasks, so rebalance callbacks (which run inside Consume) never race a batch.
/// </summary>
public sealed class StreamThread(int index, TaskManager tasks, PublishingStatus publishing, StreamMetrics metrics,
    IOptions<KafkaOptions> kafka, IOptions<StreamingOptions> streaming, ILogger<StreamThread> log) : IDisposable
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(1);
    private readonly Prometheus.Gauge.Child _assigned = metrics.AssignedPartitions.WithLabels(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private readonly Prometheus.Gauge.Child _restoring = metrics.Restoring.WithLabels(index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Run(CancellationToken stopping)
    {
        using var consumer = BuildConsumer();
        consumer.Subscribe(kafka.Value.SessionsTopic);
        log.Consuming(kafka.Value.SessionsTopic, kafka.Value.GroupId, kafka.Value.BootstrapServers);
        var nextHousekeeping = Stopwatch.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                MicroBatch.Fill(consumer, tasks.Route, streaming.Value.MaxBatchSize, streaming.Value.MaxBatchWait, HousekeepingInterval, stopping);
                tasks.Advance(consumer);
                ReportTasks();
                if (tasks.ProcessBuffered())
                    Commit(consumer, waitForAll: false);
                if (Stopwatch.GetTimestamp() < nextHousekeeping)
                    continue;
                tasks.CloseQuietSessions(consumer, Unanswered);
                Commit(consumer, waitForAll: false);
                consumer.MeasureLag(metrics.ConsumerLag, Unanswered);
                metrics.ReportState(index, tasks.StateSize);
                nextHousekeeping = Stopwatch.GetTimestamp() + (long)(HousekeepingInterval.TotalSeconds * Stopwatch.Frequency);
            }
            tasks.ProcessBuffered();
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

    public void Dispose() => tasks.Dispose();

    private IConsumer<byte[]?, byte[]?> BuildConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(ConsumerSettings.CommittingInBackground(ConsumerSettings.ForGroup(kafka.Value, kafka.Value.GroupId), streaming.Value.CommitInterval))
        .SetPartitionsAssignedHandler((_, partitions) =>
        {
            tasks.Assign(partitions);
            ReportTasks();
        })
        .SetPartitionsRevokedHandler((consumer, partitions) =>
        {
            // Still the owner here: finish and commit what was consumed (its state changes included), then let the next owner restore.
            tasks.ProcessBuffered();
            Commit(consumer, waitForAll: true);
            tasks.Remove(partitions.Select(p => p.TopicPartition));
            ReportTasks();
            log.Revoked(string.Join(", ", partitions.Select(p => p.TopicPartition)));
        })
        .SetPartitionsLostHandler((_, partitions) =>
        {
            // No longer the owner: nothing of these partitions may be committed; the next owner reprocesses it.
            tasks.Remove(partitions.Select(p => p.TopicPartition));
            ReportTasks();
            log.Lost(string.Join(", ", partitions.Select(p => p.TopicPartition)));
        })
        .Build();

    /// <summary>
    /// Marks the acknowledged offsets for commit; librdkafka commits them in the background every
    /// <see cref="StreamingOptions.CommitInterval"/>, as Kafka Streams does, so no commit round trip stalls this
    /// thread. With <paramref name="waitForAll"/> (stopping, a revocation) everything in flight is awaited and
    /// committed at once. After a crash at most about one interval is processed again, with identical effects.
    /// </summary>
    private void Commit(IConsumer<byte[]?, byte[]?> consumer, bool waitForAll)
    {
        // While waiting on the broker, the lag is asked of it: this consumer's own view stops while it does not poll.
        var offsets = tasks.TakeCommittable(waitForAll, () => ReportPublishing(consumer, askTheBroker: true));
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

    private void ReportTasks()
    {
        _assigned.Set(tasks.Count);
        _restoring.Set(tasks.Restoring);
    }

    private void Unanswered(KafkaException e, string question, string partitions)
    {
        log.BrokerQuestionUnanswered(e, question, partitions);
        metrics.ErrorsHandled.WithLabels("broker_question").Inc();
    }

    private void ReportPublishing(IConsumer<byte[]?, byte[]?> consumer, bool askTheBroker)
    {
        // A new owner's claim on the changelog is a write the broker must acknowledge before any hint of its partitions goes out.
        publishing.Update(index, tasks.OldestUnacknowledgedAt);
        metrics.UnacknowledgedSeconds.Set(publishing.WaitingFor.TotalSeconds);
        if (askTheBroker)
            consumer.MeasureLag(metrics.ConsumerLag, Unanswered, askTheBroker: true);
    }
}
