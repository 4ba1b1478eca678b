namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// One play as the edge cache sees it: the whole track's bytes, the bytes really heard (to the SKIP, or the whole
/// track), the track's storage class and daily cost, and the model's probability, at PLAY, that it is heard in full.
/// </summary>
public sealed record CachePlay(string PlayId, string? StorageClass, double DailyCost, long TrackBytes, long HeardBytes, double CompletionProbability)
{
    /// <summary>Bytes a whole-track prefetch fetches that nobody hears.</summary>
    public long UnheardBytes => TrackBytes - HeardBytes;

    /// <summary>The track's daily storage cost, pro rata for the unheard part: what keeping the waste costs.</summary>
    public double UnheardCost => TrackBytes == 0 ? 0 : DailyCost * UnheardBytes / TrackBytes;
}
