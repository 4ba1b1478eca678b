using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>Sends rejected events to the dead-letter topic (see <see cref="DeadLetters"/>), acknowledged before it returns.</summary>
public sealed class DeadLetterPublisher(string bootstrapServers, string topic, ProducerRetryOptions? retry = null) : IDisposable
{
    private readonly ReliableProducer<byte[]?, byte[]?> _producer = new(bootstrapServers, retry);

    public Task PublishAsync(IReadOnlyList<Rejected> rejected, CancellationToken cancellationToken = default) =>
        _producer.ProduceAllAsync(topic, rejected.Select(DeadLetters.Create), cancellationToken);

    public void Dispose() => _producer.Dispose();
}
