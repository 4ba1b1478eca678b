using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>Why and where from an event was dead-lettered, as read back from a dead-letter message.</summary>
public sealed record DeadLetterInfo(string Kind, string Reason, string SourceTopic, int SourcePartition, long SourceOffset);

/// <summary>
/// Dead-letter messages keep the original key and value bytes untouched; why and where from travel in headers,
/// so any Kafka tool (kcat -J, for one) shows them and the event can be replayed as it came. Only what could never
/// be published is cut: a value beyond <see cref="MaxValueBytes"/> keeps its first bytes and says how long it was
/// (<see cref="OriginalBytesHeader"/>), a key beyond <see cref="MaxKeyBytes"/> likewise, and a reason is at most
/// <see cref="MaxReasonLength"/> characters.
/// </summary>
public static class DeadLetters
{
    public const int MaxValueBytes = 64 * 1024;
    public const int MaxKeyBytes = 1024;
    public const int MaxReasonLength = 500;
    public const string OriginalBytesHeader = "pozytywka-original-bytes";

    public const string KindHeader = "pozytywka-dead-letter-kind";
    public const string ReasonHeader = "pozytywka-dead-letter-reason";
    public const string TopicHeader = "pozytywka-source-topic";
    public const string PartitionHeader = "pozytywka-source-partition";
    public const string OffsetHeader = "pozytywka-source-offset";

    public static Message<byte[]?, byte[]?> Create(Rejected rejected)
    {
        var (source, kind, reason) = (rejected.Event, rejected.Kind, rejected.Reason);
        var headers = new Headers
        {
            { KindHeader, Encoding.UTF8.GetBytes(kind) },
            { ReasonHeader, Encoding.UTF8.GetBytes(reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason) },
            { TopicHeader, Encoding.UTF8.GetBytes(source.Topic) },
            { PartitionHeader, Encoding.UTF8.GetBytes(source.Partition.ToString(CultureInfo.InvariantCulture)) },
            { OffsetHeader, Encoding.UTF8.GetBytes(source.Offset.ToString(CultureInfo.InvariantCulture)) },
        };
        if (source.Value.Length > MaxValueBytes)
            headers.Add(OriginalBytesHeader, Encoding.UTF8.GetBytes(source.Value.Length.ToString(CultureInfo.InvariantCulture)));
        return new Message<byte[]?, byte[]?> { Key = Bounded(source.Key, MaxKeyBytes), Value = Bounded(source.Value, MaxValueBytes), Headers = headers };
    }

    /// <summary>
    /// A message of the processor's own that the broker refused for good (say, too large): it goes to the dead-letter
    /// topic instead, so that it never blocks the records behind it, with the topic it was meant for as its source.
    /// </summary>
    public static Message<byte[]?, byte[]?> Create(Undeliverable undeliverable)
    {
        var (message, error) = (undeliverable.Message.Message, undeliverable.Error);
        var source = new IncomingEvent(message.Key, message.Value ?? [], undeliverable.Message.Topic, -1, -1);
        return Create(new Rejected(source, UndeliverableKind, $"the broker refused it for good: {error.Reason} ({error.Code})"));
    }

    public const string UndeliverableKind = "Undeliverable";

    private static byte[]? Bounded(byte[]? bytes, int limit) => bytes is { Length: var length } && length > limit ? bytes[..limit] : bytes;

    public static DeadLetterInfo Read(Headers headers)
    {
        string Text(string name) => headers.TryGetLastBytes(name, out var bytes)
            ? Encoding.UTF8.GetString(bytes)
            : throw new InvalidDataException($"dead-letter message lacks the {name} header");
        return new DeadLetterInfo(Text(KindHeader), Text(ReasonHeader), Text(TopicHeader),
            int.Parse(Text(PartitionHeader), CultureInfo.InvariantCulture), long.Parse(Text(OffsetHeader), CultureInfo.InvariantCulture));
    }
}
