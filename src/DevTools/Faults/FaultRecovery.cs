using Confluent.Kafka;

namespace Pozytywka.DevTools.Faults;

/// <summary>
/// How long the hints stopped for: from the start of the fault (the kill, the first broker down) to the moment every
/// sessions partition whose plays are hinted again has its first hint made after the fault ended (a restart included),
/// read from the hints' own producer timestamps. Hints are keyed by track, so each is traced to its PLAY's partition
/// through the log. A partition with no hint made after the fault has nothing left to recover; one that should have
/// but did not shows as lost plays. NaN when no hint at all was made after the fault (everything was hinted before
/// it ended: a slow start of the joining instance, say), which the report prints as "—".
/// </summary>
public static class FaultRecovery
{
    public static double Seconds(IEnumerable<ConsumeResult<byte[]?, byte[]?>> hints, IReadOnlyDictionary<string, int> partitionOfPlay,
        DateTime faultStarted, DateTime faultEnded)
    {
        var firstAfter = hints.Select(h => (Partition: partitionOfPlay.GetValueOrDefault(FaultVerdict.HintOf(h).PlayId, -1), At: h.Message.Timestamp.UtcDateTime))
            .Where(h => h.At >= faultEnded).GroupBy(h => h.Partition).Select(g => g.Min(h => h.At)).ToList();
        return firstAfter.Count == 0 ? double.NaN : (firstAfter.Max() - faultStarted).TotalSeconds;
    }
}
