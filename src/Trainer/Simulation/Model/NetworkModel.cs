namespace Pozytywka.Trainer.Simulation.Model;

/// <summary>
/// A two-state (good / outage) model of a mobile listener's link, as in Gilbert–Elliott channel models: up at
/// <see cref="LinkKbps"/> for exponentially distributed periods averaging <see cref="MeanSecondsBetweenOutages"/>,
/// then down for exponentially distributed outages averaging <see cref="MeanOutageSeconds"/>. Each play gets its
/// own trace, drawn from a seed derived from the play id, so every policy is priced on the same outages.
/// </summary>
public sealed record NetworkModel(double LinkKbps, double MeanSecondsBetweenOutages, double MeanOutageSeconds, int Seed)
{
    /// <summary>A phone on the move: 1 Mbit/s, an outage every 2 minutes on average, lasting 8 s on average.</summary>
    public static readonly NetworkModel Default = new(1000, 120, 8, 1);

    public LinkTrace TraceFor(string playId) => new(Outages(new Random(Seed ^ StableHash(playId))).GetEnumerator());

    private IEnumerable<(double Start, double End)> Outages(Random random)
    {
        double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());

        // Start in the chain's stationary state: already inside an outage with the share of time outages take.
        var time = random.NextDouble() < MeanOutageSeconds / (MeanOutageSeconds + MeanSecondsBetweenOutages) ? 0 : Exponential(MeanSecondsBetweenOutages);
        while (true)
        {
            var end = time + Exponential(MeanOutageSeconds);
            yield return (time, end);
            time = end + Exponential(MeanSecondsBetweenOutages);
        }
    }

    /// <summary>FNV-1a over the id: string.GetHashCode differs between processes, and the traces must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }
}
