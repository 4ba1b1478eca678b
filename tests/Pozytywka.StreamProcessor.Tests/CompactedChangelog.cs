using Pozytywka.Listening.State;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>What a compacted changelog holds after these changes: their real records written in order, the latest of each key kept, per partition.</summary>
public static class CompactedChangelog
{
    public static Dictionary<int, Dictionary<string, byte[]>> Records(IEnumerable<PartitionStateChanges> changes)
    {
        var latest = new Dictionary<int, Dictionary<string, byte[]>>();
        foreach (var record in StateChangelogMessages.Coalesce("changelog", changes))
            StateChangelogMessages.Fold(latest.TryGetValue(record.Partition!.Value, out var held) ? held : latest[record.Partition.Value] = [],
                record.Message.Key, record.Message.Value);
        return latest;
    }

    /// <summary>The listeners a restore reads back from those records, per partition; every record must be readable.</summary>
    public static Dictionary<int, List<RestoredListener>> Listeners(IEnumerable<PartitionStateChanges> changes) =>
        Records(changes).ToDictionary(p => p.Key, p => StateChangelogMessages.Listeners(p.Value, out var unreadable) is var listeners && unreadable == 0
            ? listeners : throw new InvalidOperationException($"{unreadable} unreadable records"));
}
