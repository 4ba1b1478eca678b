namespace Pozytywka.Trainer.Simulation.Model;

/// <summary>
/// The listener's link during one play: up at a constant rate, or down (an outage: a tunnel, a lift, a dead zone).
/// Outages are intervals of wall seconds since the PLAY, sorted and disjoint. Queries must not go back in time.
/// </summary>
public sealed class LinkTrace(IEnumerator<(double Start, double End)> outages)
{
    private (double Start, double End)? _next = Advance(outages);

    /// <summary>A link that never goes down.</summary>
    public static LinkTrace AlwaysUp() => new(Enumerable.Empty<(double, double)>().GetEnumerator());

    public static LinkTrace WithOutages(params (double Start, double End)[] outages) => new(outages.AsEnumerable().GetEnumerator());

    public bool IsUp(double wallSeconds)
    {
        while (_next is { } outage && outage.End <= wallSeconds)
            _next = Advance(outages);
        return _next is not { } current || wallSeconds < current.Start;
    }

    /// <summary>The wall time at which <paramref name="upSeconds"/> of working link have passed since <paramref name="from"/>: an outage adds its length.</summary>
    public double AfterUpSeconds(double from, double upSeconds)
    {
        var (time, left) = (from, upSeconds);
        while (true)
        {
            while (_next is { } passed && passed.End <= time)
                _next = Advance(outages);
            if (_next is not { } outage || time + left <= outage.Start)
                return time + left;
            if (time < outage.Start)
                left -= outage.Start - time;
            time = outage.End;
        }
    }

    private static (double, double)? Advance(IEnumerator<(double Start, double End)> outages) =>
        outages.MoveNext() ? outages.Current : null;
}
