using Pozytywka.Listening.Catalog;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Report;

/// <summary>A named per-play quantity the report studies; <see cref="Discrete"/> ones are binned by value.</summary>
public sealed record ReportVariable(string Name, bool Discrete, bool Continuous, Func<LabeledPlay, double> Value);

/// <summary>
/// Every track attribute and every PLAY-time context quantity, read from a replayed play the same way the
/// models see it: the listener's history is the snapshot taken when the PLAY arrived.
/// </summary>
public static class ReportVariables
{
    public static IReadOnlyList<ReportVariable> TrackProperties(Catalog catalog) =>
        Listening.Catalog.TrackProperties.All.Select(p => new ReportVariable(
            p.FieldName() == "release_date" ? "release_year" : p.FieldName(),
            Discrete: p is TrackProperty.Explicit or TrackProperty.Key,
            Continuous: p is not (TrackProperty.Explicit or TrackProperty.Key),
            play => catalog.FindTrack(play.Input.Play.TrackId)?[p] ?? double.NaN)).ToList();

    public static IReadOnlyList<ReportVariable> Context(Catalog catalog) =>
    [
        new("position_in_session", true, true, p => Math.Min(p.Input.Play.Position, 20)),
        new("skips_so_far", true, true, p => Math.Min(p.Input.Play.SkipsSoFar, 10)),
        new("previous_skipped", true, false, p => p.Input.Play.PreviousSkipped ? 1 : 0),
        new("advertisement_before", true, false, p => p.Input.Play.AdvertisementBefore ? 1 : 0),
        new("premium", true, false, p => p.Input.Listener.Premium ? 1 : 0),
        new("hour_of_day", true, false, p => p.Input.Play.StartedAt.Hour),
        new("genre_overlap", true, true, p => GenreOverlap(catalog, p)),
        new("seconds_since_session_start", false, true, p => p.Input.Play.SecondsSinceSessionStart),
        new("listener_skip_rate_before", false, true, p => p.Input.Listener.PlaysBefore == 0 ? double.NaN : (double)p.Input.Listener.SkipsBefore / p.Input.Listener.PlaysBefore),
        new("listener_plays_before", false, true, p => p.Input.Listener.PlaysBefore),
    ];

    private static double GenreOverlap(Catalog catalog, LabeledPlay play)
    {
        var track = catalog.FindTrack(play.Input.Play.TrackId);
        var favourites = catalog.Listeners.GetValueOrDefault(play.Input.Play.UserId)?.FavouriteGenres ?? [];
        return track is null ? 0 : Math.Min(3, favourites.Intersect(catalog.GenresOf(track), StringComparer.OrdinalIgnoreCase).Count());
    }
}
