using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Diagnostics;
using Pozytywka.StreamProcessor.Concurrency;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// Writes each batch's state changes to the changelog once the broker has acknowledged the batch's effects, and
/// never before: a listener's checkpoint then only ever covers events whose hints and records are durable, so a
/// new owner that restores it may pass over those events. Batches are written strictly in order, one write in
/// flight at a time (a later value of a key can never land before an earlier one); batches that became ready
/// while one was in flight are written together with each key once, as Kafka Streams' record cache does.
/// A write whose owner lost its partition is dropped, and its deliveries still being retried are given up (were one
/// to land late all the same, it is fenced: it carries an older epoch, <see cref="StateChangelogMessages"/>).
/// A record the broker refuses for good fails its batch, so no offset is committed without its state. Switches of
/// model version are recorded apart, before their batch publishes (<see cref="RecordAsync"/>).
/// </summary>
public sealed class StateChangelogWriter : IAsyncDisposable
{
    private readonly ReliableProducer _producer;
    private readonly string _topic;
    private readonly StreamMetrics _metrics;
    private readonly ILogger<StateChangelogWriter> _log;
    private readonly Handoff<Pending> _queue;

    public StateChangelogWriter(ReliableProducer producer, IOptions<KafkaOptions> kafka, StreamMetrics metrics, ILogger<StateChangelogWriter> log)
    {
        (_producer, _topic, _metrics, _log) = (producer, kafka.Value.ChangelogTopic, metrics, log);
        _queue = new Handoff<Pending>(WriteInOrderAsync);
    }

    /// <summary>
    /// Records switches of model version now, ahead of the batch that made them: the returned task completes when the
    /// broker has them, and the batch publishes nothing before (a record refused for good fails it).
    /// </summary>
    public Task RecordAsync(IReadOnlyList<Outgoing> switches, CancellationToken cancellationToken) =>
        switches.Count == 0 ? Task.CompletedTask : ProduceAsync(switches, "model choice", cancellationToken);

    /// <returns>A task that completes when the effects were acknowledged and then the changes too; it fails if either failed.</returns>
    public Task WriteAfter(Task effectsAcknowledged, IReadOnlyList<ChangelogWrite> writes, CancellationToken cancellationToken)
    {
        var pending = new Pending(effectsAcknowledged, writes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        _queue.Add(pending);
        return pending.Written.Task;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task WriteInOrderAsync(ChannelReader<Pending> queue)
    {
        while (await queue.WaitToReadAsync())
        {
            var ready = new List<Pending>();
            while (queue.TryPeek(out var next) && (ready.Count == 0 || next.EffectsAcknowledged.IsCompleted))
            {
                queue.TryRead(out _);
                ready.Add(next);
                await next.EffectsAcknowledged.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!next.EffectsAcknowledged.IsCompletedSuccessfully)
                    break;
            }
            await WriteAsync(ready);
        }
    }

    private async Task WriteAsync(List<Pending> ready)
    {
        // A batch whose effects failed (a shutdown gave up on them) ends the run: nothing after it is written.
        var failedAt = ready.FindIndex(p => !p.EffectsAcknowledged.IsCompletedSuccessfully);
        var writable = failedAt < 0 ? ready : ready[..failedAt];
        try
        {
            var messages = StateChangelogMessages.Coalesce(_topic, writable.SelectMany(p => p.Writes).Where(w => !w.Abandoned.IsCancellationRequested));
            await ProduceAsync(messages, "state changelog", writable.Count > 0 ? writable[^1].Cancellation : CancellationToken.None);
        }
        catch (Exception e)
        {
            foreach (var pending in ready)
                pending.Written.TrySetException(e);
            return;
        }
        foreach (var pending in writable)
            pending.Written.TrySetResult();
        foreach (var pending in ready.Skip(writable.Count))
            pending.Written.TrySetException(pending.EffectsAcknowledged.Exception?.InnerException ?? new OperationCanceledException("the batch's effects were not acknowledged"));
    }

    private async Task ProduceAsync(IReadOnlyList<Outgoing> messages, string what, CancellationToken cancellationToken)
    {
        var refused = await _producer.ProduceAllAsync(messages, cancellationToken);
        _metrics.ChangelogRecords.Inc(messages.Count - refused.Count);
        _metrics.Undeliverable.Inc(refused.Count);
        foreach (var record in refused)
            _log.ChangelogRecordRefused(record.Message.Topic, record.Message.Partition ?? -1, record.Error.Reason);
        if (refused.Count > 0)
            throw new InvalidOperationException($"the broker refused {refused.Count} {what} record(s) for good ({refused[0].Error.Reason}): their batch does not complete");
    }

    private sealed record Pending(Task EffectsAcknowledged, IReadOnlyList<ChangelogWrite> Writes, TaskCompletionSource Written, CancellationToken Cancellation);
}
