using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>Thrown when the broker did not acknowledge a prediction log record in time; the API answers 503.</summary>
public sealed class PredictionLogUnavailableException(TimeSpan waited, Exception inner)
    : Exception($"the broker did not acknowledge the prediction log within {waited.TotalSeconds:0.#} s", inner);

/// <summary>
/// Records HTTP predictions and reported outcomes on the predictions topic, acknowledged before it returns: the
/// same log the stream writes and the outcome sink copies into the store. Gives up after
/// <paramref name="timeout"/> so a request never hangs on a broker outage.
/// </summary>
public sealed class PredictionLog(ReliableProducer producer, IOptions<KafkaOptions> kafka, TimeSpan timeout) : IDisposable
{
    public void Dispose() => producer.Dispose();

    public async Task RecordAsync(IEnumerable<PredictionLogEntry> entries, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            if ((await producer.ProduceAllAsync(entries.Select(e => new Outgoing(kafka.Value.PredictionsTopic, PredictionLogMessages.Create(e))), deadline.Token)) is [var refused, ..])
                throw new KafkaException(refused.Error);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PredictionLogUnavailableException(timeout, e);
        }
    }
}
