namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// What the hints were worth on plays whose outcome is known, in bytes of audio: prefetched (a PREFETCH hint, the whole
/// track) and heard, prefetched and never heard, and heard without having been prefetched. <see cref="PrefetchedShareOfHeard"/>
/// is the operating point as it runs: <c>simulate-cache</c> reports the same share for the same plays.
/// </summary>
public sealed record HintBytes(long PrefetchedHeard, long PrefetchedWasted, long MissedHeard)
{
    public const string PrefetchedHeardLabel = "prefetched_heard";
    public const string PrefetchedWastedLabel = "prefetched_wasted";
    public const string MissedHeardLabel = "missed_heard";

    public double? PrefetchedShareOfHeard => PrefetchedHeard + MissedHeard == 0 ? null : (double)PrefetchedHeard / (PrefetchedHeard + MissedHeard);

    public IEnumerable<(string Outcome, long Bytes)> ByOutcome() =>
        [(PrefetchedHeardLabel, PrefetchedHeard), (PrefetchedWastedLabel, PrefetchedWasted), (MissedHeardLabel, MissedHeard)];
}
