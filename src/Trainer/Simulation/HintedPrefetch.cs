using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>Which plays a <see cref="HintedPrefetch"/> row prices.</summary>
public static class HintedPlays
{
    public const string TestPeriod = "temporal test period";

    /// <summary>Every play, each scored by the bundle: what a replay of the export through the processor hints.</summary>
    public const string EveryPlay = "every play, scored by the bundle";
}

/// <summary>
/// The hints as configured, priced by whole-track prefetch: where a hint says PREFETCH the whole track is fetched; the
/// rest is fetched as heard. <see cref="UsefulShare"/> is the share of the heard bytes that were prefetched (what
/// <c>pozytywka_hint_bytes_total</c> shows live); <see cref="Evicted"/> plays were told to leave the edge.
/// </summary>
public sealed record HintedPrefetch(string Plays, int PlayCount, int Evicted, double UsefulShare, double WasteCut, PrefetchTotals Totals)
{
    public static HintedPrefetch Price(string plays, IReadOnlyList<CachePlay> scored, HintRule rule)
    {
        var decisions = scored.Select(p => rule.Decide(p.CompletionProbability, p.ExpectedHeardShare)).ToList();
        var (all, prefetched) = (WholeTrackPrefetch.Totals(scored), WholeTrackPrefetch.Totals(scored.Where((_, i) => decisions[i] == CacheDecision.Prefetch)));
        return new HintedPrefetch(plays, scored.Count, decisions.Count(d => d == CacheDecision.Evict),
            WholeTrackPrefetch.Share(prefetched.UsefulBytes, all.UsefulBytes), 1 - WholeTrackPrefetch.Share(prefetched.WastedBytes, all.WastedBytes), prefetched);
    }
}
