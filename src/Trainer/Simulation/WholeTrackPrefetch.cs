using System.Text.Json.Serialization;
using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>Bytes and cost of one prefetch policy over a set of plays.</summary>
/// <param name="UsefulBytes">Bytes prefetched and heard.</param>
/// <param name="WastedBytes">Bytes prefetched and never heard.</param>
public sealed record PrefetchTotals(int PlaysPrefetched, long UsefulBytes, long WastedBytes, double WastedCost);

/// <summary>A point of the waste-vs-useful curve: prefetch every play ranked at least the threshold.</summary>
public sealed record CurvePoint(double Threshold, double UsefulShare, double WasteShare);

/// <summary>What orders plays for whole-track prefetch.</summary>
public enum PrefetchRanking
{
    /// <summary>The share of the track expected to be heard (the hints' ranking).</summary>
    [JsonStringEnumMemberName("expected_heard_share")]
    ExpectedHeardShare,

    /// <summary>The model's completion probability alone, for comparison.</summary>
    [JsonStringEnumMemberName("completion_probability")]
    CompletionProbability,

    /// <summary>
    /// The bound of any policy in this framing, not a policy: plays in order of the share really heard. Each play brings
    /// its heard bytes as useful and the rest as waste, so taking them by heard share gives the most useful bytes for
    /// each amount of waste (a fractional knapsack: exact but for the one play that crosses the target).
    /// </summary>
    [JsonStringEnumMemberName("known_heard_share")]
    KnownHeardShare,
}

/// <summary>
/// The original analysis's variant: fetch the whole track to the edge at PLAY when the model expects it heard in
/// full. Against prefetching every play, the curve shows how much waste each share of useful bytes costs when
/// plays are prefetched in order of a ranking (a property of the ranking, like a ROC curve).
/// </summary>
public static class WholeTrackPrefetch
{
    public static double RankOf(CachePlay play, PrefetchRanking ranking) => ranking switch
    {
        PrefetchRanking.CompletionProbability => play.CompletionProbability,
        PrefetchRanking.KnownHeardShare => play.TrackBytes == 0 ? 1 : (double)play.HeardBytes / play.TrackBytes,
        _ => play.ExpectedHeardShare,
    };

    public static PrefetchTotals Totals(IEnumerable<CachePlay> prefetched)
    {
        int plays = 0;
        long useful = 0, wasted = 0;
        double cost = 0;
        foreach (var play in prefetched)
        {
            plays++;
            useful += play.HeardBytes;
            wasted += play.UnheardBytes;
            cost += play.UnheardCost;
        }
        return new PrefetchTotals(plays, useful, wasted, cost);
    }

    public static PrefetchTotals Apply(IReadOnlyList<CachePlay> plays, PrefetchRanking ranking, double threshold) =>
        Totals(plays.Where(p => RankOf(p, ranking) >= threshold));

    /// <summary>One point per distinct rank, highest first; the last is "prefetch everything" (1, 1).</summary>
    public static IReadOnlyList<CurvePoint> Curve(IReadOnlyList<CachePlay> plays, PrefetchRanking ranking) =>
        Curve(plays, play => RankOf(play, ranking));

    public static IReadOnlyList<CurvePoint> Curve(IReadOnlyList<CachePlay> plays, Func<CachePlay, double> rank)
    {
        var all = Totals(plays);
        var points = new List<CurvePoint>();
        long useful = 0, wasted = 0;
        foreach (var group in plays.GroupBy(rank).OrderByDescending(g => g.Key))
        {
            foreach (var play in group)
            {
                useful += play.HeardBytes;
                wasted += play.UnheardBytes;
            }
            points.Add(new CurvePoint(group.Key, Share(useful, all.UsefulBytes), Share(wasted, all.WastedBytes)));
        }
        return points;
    }

    /// <summary>The highest threshold on the curve that keeps at least <paramref name="usefulShare"/> of prefetch-everything's useful bytes.</summary>
    public static double ThresholdKeeping(IReadOnlyList<CurvePoint> curve, double usefulShare) =>
        curve.First(p => p.UsefulShare >= usefulShare).Threshold;

    /// <summary>How much of prefetch-everything's waste is avoided at the first curve point keeping that share of useful bytes.</summary>
    public static double WasteCutKeeping(IReadOnlyList<CurvePoint> curve, double usefulShare) =>
        1 - curve.First(p => p.UsefulShare >= usefulShare).WasteShare;

    /// <summary>
    /// The waste cut at exactly <paramref name="usefulShare"/> when the play that crosses it may be taken in part: on the
    /// bound's curve (<see cref="PrefetchRanking.KnownHeardShare"/>) this is the fractional knapsack's optimum, which no
    /// policy of whole plays can beat.
    /// </summary>
    public static double WasteCutInterpolated(IReadOnlyList<CurvePoint> curve, double usefulShare)
    {
        var crossing = curve.Select((point, i) => (point, i)).First(p => p.point.UsefulShare >= usefulShare);
        var (before, at) = (crossing.i == 0 ? new CurvePoint(1, 0, 0) : curve[crossing.i - 1], crossing.point);
        var part = at.UsefulShare == before.UsefulShare ? 1 : (usefulShare - before.UsefulShare) / (at.UsefulShare - before.UsefulShare);
        return 1 - (before.WasteShare + part * (at.WasteShare - before.WasteShare));
    }

    /// <summary>A part of a total (1 when the total is empty: nothing was there to lose).</summary>
    public static double Share(long part, long whole) => whole == 0 ? 1 : (double)part / whole;
}
