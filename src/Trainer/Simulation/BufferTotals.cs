using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>What one buffering policy fetched, wasted and stalled over a set of plays.</summary>
public sealed record BufferTotals(string Policy, int Plays, long FetchedBytes, long WastedBytes, double WastedCost, double HeardSeconds,
    double StallSeconds, int StalledPlays)
{
    public double StallSecondsPerHour => HeardSeconds == 0 ? 0 : StallSeconds / HeardSeconds * 3600;

    public double StalledPlayShare => Plays == 0 ? 0 : (double)StalledPlays / Plays;

    public static BufferTotals Sum(string policy, IReadOnlyList<CachePlay> plays, IReadOnlyList<PlaybackResult> results, IEnumerable<int> indexes)
    {
        var (count, fetched, wasted, cost, heard, stall, stalled) = (0, 0L, 0L, 0.0, 0.0, 0.0, 0);
        foreach (var i in indexes)
        {
            var (play, result) = (plays[i], results[i]);
            count++;
            fetched += play.Bytes(result.FetchedSeconds);
            wasted += play.Bytes(result.WastedSeconds);
            cost += play.CostOf(result.WastedSeconds);
            heard += result.HeardSeconds;
            stall += result.StallSeconds;
            stalled += result.Stalls > 0 ? 1 : 0;
        }
        return new BufferTotals(policy, count, fetched, wasted, cost, heard, stall, stalled);
    }
}
