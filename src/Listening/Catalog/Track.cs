namespace Pozytywka.Listening.Catalog;

/// <summary>A track; <see cref="Properties"/> is indexed by <see cref="TrackProperty"/>, NaN where the export had no value.</summary>
public sealed record Track(string Id, string Name, string? ArtistId, double[] Properties)
{
    public double this[TrackProperty property] => Properties[(int)property];

    public double? DurationSeconds =>
        double.IsNaN(this[TrackProperty.DurationMs]) ? null : this[TrackProperty.DurationMs] / 1000.0;
}

public sealed record Artist(string Id, string Name, IReadOnlyList<string> Genres);

public sealed record TrackStorage(string TrackId, string StorageClass, double DailyCost);

/// <summary>
/// A listener as the models see them: ids and preferences only, never name, city or street. <paramref name="Premium"/>
/// is the users file's flag, their state when the export was taken; <paramref name="PremiumAtStart"/> is whether they
/// were premium when the export's sessions begin (see <see cref="CatalogLoader"/>), which is what replaying the
/// sessions must start from.
/// </summary>
public sealed record Listener(long UserId, IReadOnlyList<string> FavouriteGenres, bool Premium, bool PremiumAtStart);
