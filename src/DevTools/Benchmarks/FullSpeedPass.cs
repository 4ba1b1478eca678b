namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// One pass at full speed: events replayed, seconds from the replay's start until the consumer group had committed the
/// end of every input partition (<see cref="Kafka.CommitWatch"/>), and this process's CPU over the same span per event.
/// </summary>
public sealed record FullSpeedPass(long Events, double Seconds, double CpuMicrosecondsPerEvent)
{
    public double EventsPerSecond => Events / Seconds;
}
