using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>Why and where from an event was dead-lettered, as read back from a dead-letter message.</summary>
public sealed record DeadLetterInfo(string Kind, string Reason, string SourceTopic, int SourcePartition, long SourceOffset);

/// <summary>
/// Dead-letter messages keep the original key and value bytes untouched; why and where from travel in headers,
/// so any Kafka tool (kcat -J, for one) shows them and the event can be replayed as it came.
/// </summary>
public static class DeadLetters
{
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
            { ReasonHeader, Encoding.UTF8.GetBytes(reason) },
            { TopicHeader, Encoding.UTF8.GetBytes(source.Topic) },
            { PartitionHeader, Encoding.UTF8.GetBytes(source.Partition.ToString(CultureInfo.InvariantCulture)) },
            { OffsetHeader, Encoding.UTF8.GetBytes(source.Offset.ToString(CultureInfo.InvariantCulture)) },
        };
        return new Message<byte[]?, byte[]?> { Key = source.Key, Value = source.Value, Headers = headers };
    }

    public static DeadLetterInfo Read(Headers headers)
    {
        string Text(string name) => headers.TryGetLastBytes(name, out var bytes)
            ? Encoding.UTF8.GetString(bytes)
            : throw new InvalidDataException($"dead-letter message lacks the {name} header");
        return new DeadLetterInfo(Text(KindHeader), Text(ReasonHeader), Text(TopicHeader),
            int.Parse(Text(PartitionHeader), CultureInfo.InvariantCulture), long.Parse(Text(OffsetHeader), CultureInfo.InvariantCulture));
    }
}
