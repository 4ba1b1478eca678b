using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Polly;
using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Resilience;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.Sink;

/// <summary>
/// Copies the predictions topic into the store, as a Kafka Connect sink does: its own consumer group, one bulk
/// idempotent upsert per batch, and offsets committed only after the store acknowledged the write. While the store
/// is down the write is retried (Polly) with the partitions paused, so the sink keeps its group membership and
/// keeps measuring its lag; records simply wait in Kafka and nothing else slows down. Running it twice over the
/// same records leaves the store as running it once.
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

    public OutcomeSink(IPredictionStore store, StoreWriteStatus status, StreamMetrics metrics, IOptions<KafkaOptions> kafka, IOptions<SinkOptions> options,
        ILogger<OutcomeSink> log)
    {
        (_store, _status, _metrics, _kafka, _options, _log) = (store, status, metrics, kafka.Value, options.Value, log);
        _untilStored = new ResiliencePipelineBuilder()
            .AddRetry(RetryForever.Options(new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException), _options.FirstRetryDelay,
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
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerSettings.ForGroup(_kafka, _options.GroupId)).Build();
        consumer.Subscribe(_kafka.PredictionsTopic);
        _log.SinkConsuming(_kafka.PredictionsTopic, _options.GroupId);
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>();
        // A stop ends the batch being filled, but what was consumed is still stored and committed, for up to StopGrace.
        using var givingUp = new CancellationTokenSource();
        using var stopRequested = stopping.Register(() => givingUp.CancelAfter(_options.StopGrace));
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                MicroBatch.Fill(consumer, batch, _options.MaxBatchSize, _options.MaxBatchWait, PollWhileWaiting, stopping);
                if (batch.Count > 0)
                {
                    Store(consumer, batch, givingUp.Token);
                    batch.Clear();
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

    private void Store(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch, CancellationToken stopping)
    {
        var (entries, erased) = Read(batch);
        var predictions = entries.Select(e => e.Prediction).OfType<PredictionRecord>().ToList();
        var outcomes = entries.Select(e => e.Outcome).OfType<PlayOutcome>().ToList();
        // Erasures after the writes: a tombstone always follows the record it erases in its partition.
        var storing = _untilStored.ExecuteAsync(async ct =>
        {
            await _store.SaveAsync(predictions, outcomes, ct);
            if (erased.Count > 0)
                await _store.DeleteAsync(erased, ct);
        }, stopping).AsTask();
        WaitKeepingMembership(consumer, storing);
        storing.GetAwaiter().GetResult();
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

    private (List<PredictionLogEntry> Entries, HashSet<string> Erased) Read(List<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        var entries = new List<PredictionLogEntry>(batch.Count);
        var erased = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in batch)
        {
            if (PredictionLogMessages.ErasedBy(record.Message.Key, record.Message.Value) is { } predictionId)
                erased.Add(predictionId);
            else if (PredictionLogMessages.Read(record.Message.Value, out var reason) is { } entry)
                entries.Add(entry);
            else
            {
                _metrics.SinkUnreadable.Inc();
                _log.SinkRecordUnreadable(record.TopicPartitionOffset.ToString(), reason!);
            }
        }
        return (entries, erased);
    }
}
