namespace Pozytywka.Listening.Features;

/// <summary>Plays and skips counted over a period.</summary>
public readonly record struct SkipCount(int Plays, int Skips)
{
    public SkipCount Add(bool skipped) => new(Plays + 1, Skips + (skipped ? 1 : 0));

    public SkipCount Without(bool skipped) => new(Plays - 1, Skips - (skipped ? 1 : 0));

    /// <summary>The skip rate pulled toward <paramref name="prior"/> by <paramref name="strength"/> pseudo-plays.</summary>
    public double Smoothed(double prior, double strength) => (Skips + strength * prior) / (Plays + strength);
}

/// <summary>
/// Track and artist skip rates learned from the training period only and frozen into the bundle: a per-track
/// rate updated live could not stay consistent across stream partitions.
/// </summary>
public sealed class SkipPriors
{
    public const double Strength = 5;

    public required double GlobalRate { get; init; }
    public required Dictionary<string, SkipCount> Tracks { get; init; }
    public required Dictionary<string, SkipCount> Artists { get; init; }

    public static SkipPriors Fit(IEnumerable<(string TrackId, string? ArtistId, bool Skipped)> plays)
    {
        var tracks = new Dictionary<string, SkipCount>(StringComparer.Ordinal);
        var artists = new Dictionary<string, SkipCount>(StringComparer.Ordinal);
        int total = 0, skips = 0;
        foreach (var (trackId, artistId, skipped) in plays)
        {
            total++;
            skips += skipped ? 1 : 0;
            tracks[trackId] = tracks.GetValueOrDefault(trackId).Add(skipped);
            if (artistId is not null)
                artists[artistId] = artists.GetValueOrDefault(artistId).Add(skipped);
        }
        return new SkipPriors { GlobalRate = total == 0 ? 0.5 : (double)skips / total, Tracks = tracks, Artists = artists };
    }

    /// <summary>A play's counts, leaving its own outcome out when the play was part of the fit (leave-one-out).</summary>
    public static SkipCount Lookup(Dictionary<string, SkipCount> counts, string? id, bool? ownOutcome)
    {
        if (id is null || !counts.TryGetValue(id, out var count))
            return default;
        return ownOutcome is { } skipped ? count.Without(skipped) : count;
    }
}
