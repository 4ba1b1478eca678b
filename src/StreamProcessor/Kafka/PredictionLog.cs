using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>Thrown when the broker did not acknowledge a prediction log record in time; the API answers 503.</summary>
public sealed class PredictionLogUnavailableException(TimeSpan waited, Exception inner)
    : Exception($"the broker did not acknowledge the prediction log within {waited.TotalSeconds:0.#} s", inner);

/// <summary>
/// Records HTTP predictions, reported outcomes and erasures on the predictions topic, acknowledged before it returns: the
/// same log the stream writes and the outcome sink copies into the store. Gives up after
/// <paramref name="timeout"/> so a request never hangs on a broker outage.
/// </summary>
public sealed class PredictionLog(ReliableProducer producer, IOptions<KafkaOptions> kafka, TimeSpan timeout) : IDisposable
{
    public void Dispose() => producer.Dispose();

    public Task RecordAsync(IEnumerable<PredictionLogEntry> entries, CancellationToken cancellationToken) =>
        SendAsync(entries.Select(PredictionLogMessages.Create), cancellationToken);

    /// <summary>Tombstones for these plays' predictions and outcomes (see <see cref="PredictionLogMessages.Tombstones"/>).</summary>
    public Task EraseAsync(IEnumerable<string> predictionIds, CancellationToken cancellationToken) =>
        SendAsync(predictionIds.SelectMany(PredictionLogMessages.Tombstones), cancellationToken);

    private async Task SendAsync(IEnumerable<Message<byte[]?, byte[]?>> messages, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            if ((await producer.ProduceAllAsync(messages.Select(m => new Outgoing(kafka.Value.PredictionsTopic, m)), deadline.Token)) is [var refused, ..])
                throw new KafkaException(refused.Error);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PredictionLogUnavailableException(timeout, e);
        }
    }
}
