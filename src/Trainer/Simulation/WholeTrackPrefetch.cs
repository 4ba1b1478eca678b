using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;

namespace Pozytywka.Trainer.Simulation;

/// <summary>Bytes and cost of one prefetch policy over a set of plays.</summary>
/// <param name="UsefulBytes">Bytes prefetched and heard.</param>
/// <param name="WastedBytes">Bytes prefetched and never heard.</param>
public sealed record PrefetchTotals(int PlaysPrefetched, long UsefulBytes, long WastedBytes, double WastedCost);

/// <summary>A point of the waste-vs-useful curve: prefetch every play whose completion probability is at least the threshold.</summary>
public sealed record CurvePoint(double Threshold, double UsefulShare, double WasteShare);

/// <summary>
/// The original analysis's variant: fetch the whole track to the edge at PLAY when the model expects it heard in
/// full. Against prefetching every play, the curve shows how much waste each share of useful bytes costs when
/// plays are prefetched in order of completion probability (a property of the ranking, like a ROC curve).
/// </summary>
public static class WholeTrackPrefetch
{
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

    public static PrefetchTotals Apply(IReadOnlyList<CachePlay> plays, double threshold) =>
        Totals(plays.Where(p => p.CompletionProbability >= threshold));

    /// <summary>Whole tracks prefetched exactly where the processor's hint policy says PREFETCH.</summary>
    public static PrefetchTotals Hinted(IEnumerable<CachePlay> plays, CacheDecisionPolicy policy) =>
        Totals(plays.Where(p => policy.Decide(p.CompletionProbability, p.StorageClass) == CacheDecision.Prefetch));

    /// <summary>One point per distinct probability, highest first; the last is "prefetch everything" (1, 1).</summary>
    public static IReadOnlyList<CurvePoint> Curve(IReadOnlyList<CachePlay> plays)
    {
        var all = Totals(plays);
        var points = new List<CurvePoint>();
        long useful = 0, wasted = 0;
        foreach (var group in plays.GroupBy(p => p.CompletionProbability).OrderByDescending(g => g.Key))
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

    /// <summary>A part of a total (1 when the total is empty: nothing was there to lose).</summary>
    public static double Share(long part, long whole) => whole == 0 ? 1 : (double)part / whole;
}
