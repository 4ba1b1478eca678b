namespace Pozytywka.Reference;

/// <summary>One record of the sessions log: its partition, its offset there, and its value as it was written.</summary>
public sealed record LoggedEvent(int Partition, long Offset, byte[]? Value)
{
    /// <summary>An export file read as one partition: each line's offset is its index.</summary>
    public static IEnumerable<LoggedEvent> FromLines(IEnumerable<byte[]> lines) => lines.Select((line, i) => new LoggedEvent(0, i, line));
}
