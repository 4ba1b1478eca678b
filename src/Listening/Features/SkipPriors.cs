namespace Pozytywka.Listening.Features;

/// <summary>Plays and skips counted over a period.</summary>
public readonly record struct SkipCount(int Plays, int Skips)
{
    public SkipCount Add(bool skipped) => new(Plays + 1, Skips + (skipped ? 1 : 0));

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
        var priors = Empty();
        foreach (var play in plays)
            priors = priors.With(play);
        return priors;
    }

    /// <summary>
    /// The priors as they stood at each play's start, for plays in the order they started: each play's entry counts the
    /// plays before it, never its own outcome or a later one (what serving sees of any play). Each entry shares its
    /// counts with the next: use it before taking the next.
    /// </summary>
    public static IEnumerable<SkipPriors> Before(IEnumerable<(string TrackId, string? ArtistId, bool Skipped)> playsInOrder)
    {
        var priors = Empty();
        foreach (var play in playsInOrder)
        {
            yield return priors;
            priors = priors.With(play);
        }
    }

    public static SkipCount Lookup(Dictionary<string, SkipCount> counts, string? id) =>
        id is not null && counts.TryGetValue(id, out var count) ? count : default;

    private int _plays, _skips;

    private static SkipPriors Empty() => new() { GlobalRate = 0.5, Tracks = new(StringComparer.Ordinal), Artists = new(StringComparer.Ordinal) };

    /// <summary>These priors with one more play counted (the dictionaries are shared and updated in place).</summary>
    private SkipPriors With((string TrackId, string? ArtistId, bool Skipped) play)
    {
        Tracks[play.TrackId] = Tracks.GetValueOrDefault(play.TrackId).Add(play.Skipped);
        if (play.ArtistId is not null)
            Artists[play.ArtistId] = Artists.GetValueOrDefault(play.ArtistId).Add(play.Skipped);
        var (plays, skips) = (_plays + 1, _skips + (play.Skipped ? 1 : 0));
        return new SkipPriors { GlobalRate = (double)skips / plays, Tracks = Tracks, Artists = Artists, _plays = plays, _skips = skips };
    }
}
