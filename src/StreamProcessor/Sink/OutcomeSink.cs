using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Polly;
using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Resilience;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Sink;

/// <summary>
/// Copies the predictions topic into the store, as a Kafka Connect sink does: its own consumer group, one bulk
/// idempotent upsert per batch, and offsets committed only after the store acknowledged the write. While the store
/// is down the write is retried (Polly) with the partitions paused, so the sink keeps its group membership and
/// keeps measuring its lag; records simply wait in Kafka and nothing else slows down. Running it twice over the
/// same records leaves the store as running it once. A record the store refuses for good, or that cannot be read,
/// goes to the sink's dead-letter topic with the reason and the records after it are stored: one bad record never
/// stalls the sink. Records of a partition revoked or lost while they wait are dropped, for its next owner.
/// </summary>
public sealed class OutcomeSink : BackgroundService
{
    private static readonly TimeSpan PollWhileWaiting = TimeSpan.FromMilliseconds(200);
    private readonly IPredictionStore _store;
    private readonly StoreWriteStatus _status;
    private readonly StreamMetrics _metrics;
    private readonly KafkaOptions _kafka;
    private readonly SinkOptions _options;
    private readonly ILogger<OutcomeSink> _log;
    private readonly ResiliencePipeline _untilStored;
    private readonly ReliableProducer _producer;
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _batch = [];

    public OutcomeSink(IPredictionStore store, StoreWriteStatus status, StreamMetrics metrics, ReliableProducer producer, IOptions<KafkaOptions> kafka,
        IOptions<SinkOptions> options, ILogger<OutcomeSink> log)
    {
        (_store, _status, _metrics, _producer, _kafka, _options, _log) = (store, status, metrics, producer, kafka.Value, options.Value, log);
        _untilStored = new ResiliencePipelineBuilder()
            .AddRetry(RetryForever.Options(new PredicateBuilder().Handle<Exception>(e => e is not (OperationCanceledException or StoreRejectedException)), _options.FirstRetryDelay,
                _options.MaxRetryDelay, (e, delay) =>
                {
                    _status.Failed();
                    _log.StoreWriteFailed(e, delay);
                }))
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stopping)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerSettings.ForGroup(_kafka, _options.GroupId))
            .SetPartitionsRevokedHandler((_, partitions) => Drop(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => Drop(partitions.Select(p => p.TopicPartition)))
            .Build();
        consumer.Subscribe(_kafka.PredictionsTopic);
        _log.SinkConsuming(_kafka.PredictionsTopic, _options.GroupId);
        // A stop ends the batch being filled, but what was consumed is still stored and committed, for up to StopGrace.
        using var givingUp = new CancellationTokenSource();
        using var stopRequested = stopping.Register(() => givingUp.CancelAfter(_options.StopGrace));
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                MicroBatch.Fill(consumer, _batch.Add, _options.MaxBatchSize, _options.MaxBatchWait, PollWhileWaiting, stopping);
                if (_batch.Count > 0)
                {
                    Store(consumer, _batch, givingUp.Token);
                    _batch.Clear();
                }
                consumer.MeasureLag(_metrics.SinkLag, Unanswered);
            }
            consumer.Close();
        }
        catch (OperationCanceledException) when (givingUp.IsCancellationRequested)
        {
            // Stopped while the store was down: the batch stays uncommitted and is written by the next run.
        }
        catch (Exception e)
        {
            _log.SinkFailed(e);
            throw;
        }
    }

    /// <summary>A partition revoked or lost: its records not yet stored are left to its next owner, which reads them from the committed offset.</summary>
    private void Drop(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.ToHashSet();
        _batch.RemoveAll(r => gone.Contains(r.TopicPartition));
    }

    private void Store(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch, CancellationToken stopping)
    {
        var (entries, erased, refused) = Read(batch);
        while (true)
        {
            try
            {
                Write(consumer, entries, erased, stopping);
                break;
            }
            catch (StoreRejectedException e)
            {
                _log.SinkRecordRefused(e.PredictionId, e.Reason);
                refused.AddRange(entries.Where(x => x.Entry.PredictionId == e.PredictionId).Select(x => (x.Record, "StoreRejected", e.Reason)));
                entries.RemoveAll(x => x.Entry.PredictionId == e.PredictionId);
            }
        }
        DeadLetter(refused, stopping);
        _status.Succeeded();
        _metrics.SinkStored.Inc(entries.Count + erased.Count);

        var owned = consumer.Assignment.ToHashSet();
        var offsets = MicroBatch.NextOffsets(batch.Where(r => owned.Contains(r.TopicPartition)));
        if (offsets.Count == 0)
            return;
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException e)
        {
            // Stored already; the records are written again (idempotently) by whoever reads them next.
            _log.CommitFailed(e, string.Join(", ", offsets));
            _metrics.ErrorsHandled.WithLabels("sink_offset_commit").Inc();
        }
    }

    private void Unanswered(KafkaException e, string question, string partitions)
    {
        _log.BrokerQuestionUnanswered(e, question, partitions);
        _metrics.ErrorsHandled.WithLabels("sink_broker_question").Inc();
    }

    /// <summary>
    /// While a write is retried the consumer must still be polled, or the group would think it dead and move its
    /// partitions: pause them, poll (which also runs rebalance callbacks), and put back anything a newly assigned
    /// partition delivers meanwhile.
    /// </summary>
    private void WaitKeepingMembership(IConsumer<byte[]?, byte[]?> consumer, Task storing)
    {
        // Waits without observing the task: its failure or cancellation is rethrown by the caller.
        if (((IAsyncResult)storing).AsyncWaitHandle.WaitOne(PollWhileWaiting))
            return;
        consumer.Pause(consumer.Assignment);
        var nextMeasure = 0L;
        while (!storing.IsCompleted)
        {
            if (consumer.Consume(PollWhileWaiting) is { } early)
            {
                consumer.Seek(early.TopicPartitionOffset);
                consumer.Pause([early.TopicPartition]);
            }
            if (System.Diagnostics.Stopwatch.GetTimestamp() < nextMeasure)
                continue;
            consumer.MeasureLag(_metrics.SinkLag, Unanswered, askTheBroker: true);
            _metrics.SinkStoreFailingSeconds.Set(_status.FailingFor.TotalSeconds);
            nextMeasure = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency;
        }
        consumer.Resume(consumer.Assignment);
        _metrics.SinkStoreFailingSeconds.Set(0);
    }

    /// <summary>One write of the batch, retried while the store is down; erasures are kept by the store whatever order they come in.</summary>
    private void Write(IConsumer<byte[]?, byte[]?> consumer, List<(ConsumeResult<byte[]?, byte[]?> Record, PredictionLogEntry Entry)> entries,
        HashSet<string> erased, CancellationToken stopping)
    {
        var predictions = entries.Select(e => e.Entry.Prediction).OfType<PredictionRecord>().ToList();
        var outcomes = entries.Select(e => e.Entry.Outcome).OfType<PlayOutcome>().ToList();
        var storing = _untilStored.ExecuteAsync(async ct =>
        {
            await _store.SaveAsync(predictions, outcomes, ct);
            if (erased.Count > 0)
                await _store.DeleteAsync(erased, ct);
        }, stopping).AsTask();
        WaitKeepingMembership(consumer, storing);
        storing.GetAwaiter().GetResult();
    }

    /// <summary>Records passed over go to the dead-letter topic, in log order, before their offsets are committed; what even that topic refuses is counted and logged.</summary>
    private void DeadLetter(List<(ConsumeResult<byte[]?, byte[]?> Record, string Kind, string Reason)> passedOver, CancellationToken stopping)
    {
        if (passedOver.Count == 0)
            return;
        var letters = passedOver.OrderBy(p => p.Record.Partition.Value).ThenBy(p => p.Record.Offset.Value).Select(p => new Outgoing(_kafka.PredictionsDeadLetterTopic, DeadLetters.Create(new Rejected(p.Record.ToIncoming(), p.Kind, p.Reason))));
        var lost = _producer.ProduceAllAsync(letters, stopping).GetAwaiter().GetResult();
        _metrics.SinkDeadLettered.Inc(passedOver.Count - lost.Count);
        _metrics.Undeliverable.Inc(lost.Count);
        foreach (var refused in lost)
            _log.DeadLetterRefused(refused.Error.Reason);
    }

    private (List<(ConsumeResult<byte[]?, byte[]?> Record, PredictionLogEntry Entry)> Entries, HashSet<string> Erased,
        List<(ConsumeResult<byte[]?, byte[]?> Record, string Kind, string Reason)> Unreadable) Read(List<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        var entries = new List<(ConsumeResult<byte[]?, byte[]?>, PredictionLogEntry)>(batch.Count);
        var erased = new HashSet<string>(StringComparer.Ordinal);
        var unreadable = new List<(ConsumeResult<byte[]?, byte[]?>, string, string)>();
        foreach (var record in batch)
        {
            if (PredictionLogMessages.ErasedBy(record.Message.Key, record.Message.Value) is { } predictionId)
                erased.Add(predictionId);
            else if (PredictionLogMessages.Read(record.Message.Value, out var reason) is { } entry)
                entries.Add((record, entry));
            else
            {
                _metrics.SinkUnreadable.Inc();
                _log.SinkRecordUnreadable(record.TopicPartitionOffset.ToString(), reason!);
                unreadable.Add((record, "Unreadable", reason!));
            }
        }
        return (entries, erased, unreadable);
    }
}
