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
        var counts = new RunningCounts();
        foreach (var play in plays)
            counts.Add(play);
        return counts.Now;
    }

    /// <summary>
    /// The priors as they stood at each play's start, for plays in the order they started: each play's entry counts the
    /// plays before it, never its own outcome or a later one (what serving sees of any play). Each entry shares its
    /// counts with the next: use it before taking the next.
    /// </summary>
    public static IEnumerable<SkipPriors> Before(IEnumerable<(string TrackId, string? ArtistId, bool Skipped)> playsInOrder)
    {
        var counts = new RunningCounts();
        foreach (var play in playsInOrder)
        {
            yield return counts.Now;
            counts.Add(play);
        }
    }

    public static SkipCount Lookup(Dictionary<string, SkipCount> counts, string? id) =>
        id is not null && counts.TryGetValue(id, out var count) ? count : default;

    /// <summary>Counts growing one play at a time; <see cref="Now"/> shares them, as they stand.</summary>
    private sealed class RunningCounts
    {
        private readonly Dictionary<string, SkipCount> _tracks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SkipCount> _artists = new(StringComparer.Ordinal);
        private int _plays, _skips;

        public SkipPriors Now => new() { GlobalRate = _plays == 0 ? 0.5 : (double)_skips / _plays, Tracks = _tracks, Artists = _artists };

        public void Add((string TrackId, string? ArtistId, bool Skipped) play)
        {
            _tracks[play.TrackId] = _tracks.GetValueOrDefault(play.TrackId).Add(play.Skipped);
            if (play.ArtistId is not null)
                _artists[play.ArtistId] = _artists.GetValueOrDefault(play.ArtistId).Add(play.Skipped);
            (_plays, _skips) = (_plays + 1, _skips + (play.Skipped ? 1 : 0));
        }
    }
}
