using Confluent.Kafka;

namespace Pozytywka.StreamProcessor.Kafka;

public static class ConsumeResultExtensions
{
    public static IncomingEvent ToIncoming(this ConsumeResult<byte[]?, byte[]?> result) =>
        new(result.Message.Key, result.Message.Value ?? [], result.Topic, result.Partition.Value, result.Offset.Value,
            result.Message.Timestamp.Type == TimestampType.NotAvailable ? null : result.Message.Timestamp.UtcDateTime);
}
