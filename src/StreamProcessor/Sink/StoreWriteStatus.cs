namespace Pozytywka.StreamProcessor.Sink;

/// <summary>Whether the store takes the sink's writes, and since when it has not; shared by the sink, its health check and metrics.</summary>
public sealed class StoreWriteStatus(TimeProvider clock)
{
    private long _failingSinceTicks;

    public void Succeeded() => Interlocked.Exchange(ref _failingSinceTicks, 0);

    public void Failed() => Interlocked.CompareExchange(ref _failingSinceTicks, clock.GetUtcNow().UtcTicks, 0);

    /// <summary>How long writes have been failing; zero while they succeed.</summary>
    public TimeSpan FailingFor
    {
        get
        {
            var since = Interlocked.Read(ref _failingSinceTicks);
            return since == 0 ? TimeSpan.Zero : clock.GetUtcNow().UtcDateTime - new DateTime(since, DateTimeKind.Utc);
        }
    }
}
