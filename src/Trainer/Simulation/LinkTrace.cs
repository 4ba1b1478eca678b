namespace Pozytywka.Trainer.Simulation;

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

    private static (double, double)? Advance(IEnumerator<(double Start, double End)> outages) =>
        outages.MoveNext() ? outages.Current : null;
}
