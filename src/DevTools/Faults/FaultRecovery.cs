using Confluent.Kafka;

namespace Pozytywka.DevTools.Faults;

/// <summary>
/// How long the hints stopped for: from the start of the fault (the kill, the first broker down) to the moment every
/// partition that receives hints again has its first one made after the fault ended (a restart included), read from
/// the hints' own producer timestamps. A partition with no hint made after the fault has nothing left to recover; one
/// that should have but did not shows as lost plays.
/// </summary>
public static class FaultRecovery
{
    public static double? Seconds(IEnumerable<ConsumeResult<byte[]?, byte[]?>> hints, DateTime faultStarted, DateTime faultEnded)
    {
        var firstAfter = hints.Select(h => (h.Partition.Value, At: h.Message.Timestamp.UtcDateTime)).Where(h => h.At >= faultEnded)
            .GroupBy(h => h.Value).Select(g => g.Min(h => h.At)).ToList();
        return firstAfter.Count == 0 ? null : (firstAfter.Max() - faultStarted).TotalSeconds;
    }
}
