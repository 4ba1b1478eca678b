namespace Pozytywka.Listening.Tests;

/// <summary>An arrival clock that moves only when told to.</summary>
internal sealed class ManualArrivalClock : TimeProvider
{
    private long _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;

    public override long GetTimestamp() => _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
