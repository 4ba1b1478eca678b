namespace Pozytywka.Trainer.Simulation.Model;

/// <summary>
/// One play as the cache sees it: the track's length, how much of it was really heard (to the SKIP, or the whole
/// track), the track's storage class and daily cost, the model's probability at PLAY that it is heard in full and
/// the share of it expected to be heard (the hint's <c>expected_heard_share</c>), and where the play stood
/// (position in its session, plays its listener had finished before) for the breakdowns; the track and start time
/// order the edge cache's requests.
/// </summary>
public sealed record CachePlay(
    string PlayId,
    string? StorageClass,
    double DailyCost,
    double TrackSeconds,
    double HeardSeconds,
    double CompletionProbability,
    double ExpectedHeardShare,
    double BytesPerSecond = 1,
    int Position = 1,
    int ListenerPlaysBefore = 0,
    string TrackId = "",
    DateTime StartedAt = default)
{
    public long TrackBytes => Bytes(TrackSeconds);

    public long HeardBytes => Bytes(HeardSeconds);

    /// <summary>Bytes a whole-track prefetch fetches that nobody hears.</summary>
    public long UnheardBytes => TrackBytes - HeardBytes;

    /// <summary>The track's daily storage cost, pro rata for the unheard part: what keeping the waste costs.</summary>
    public double UnheardCost => TrackBytes == 0 ? 0 : DailyCost * UnheardBytes / TrackBytes;

    public long Bytes(double seconds) => Listening.Hints.AudioBytes.Of(seconds, BytesPerSecond);

    /// <summary>The daily storage cost of <paramref name="seconds"/> of this track kept at the edge.</summary>
    public double CostOf(double seconds) => TrackSeconds <= 0 ? 0 : DailyCost * Math.Min(seconds, TrackSeconds) / TrackSeconds;
}
