using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>What a compacted changelog holds after these changes: their real records written in order by one owner, the latest of each key kept, per partition.</summary>
public static class CompactedChangelog
{
    public static Dictionary<int, Dictionary<string, byte[]>> Records(IEnumerable<PartitionStateChanges> changes, int epoch = 1)
    {
        var latest = new Dictionary<int, Dictionary<string, byte[]>>();
        foreach (var record in StateChangelogMessages.Coalesce("changelog", changes.Select(c => new ChangelogWrite(c.Partition, epoch, c.Changes, []))))
            StateChangelogMessages.Fold(latest.TryGetValue(record.Partition!.Value, out var held) ? held : latest[record.Partition.Value] = [],
                record.Message.Key, record.Message.Value);
        return latest;
    }

    /// <summary>What a restore reads back from those records, per partition; every record must be readable.</summary>
    public static Dictionary<int, ChangelogContents> Contents(IEnumerable<PartitionStateChanges> changes) =>
        Records(changes).ToDictionary(p => p.Key, p => ChangelogContents.Read(p.Value) is { Unreadable: 0 } contents
            ? contents : throw new InvalidOperationException("unreadable records"));
}
