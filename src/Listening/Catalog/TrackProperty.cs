namespace Pozytywka.Listening.Catalog;

/// <summary>The numeric properties of a track, in the order of <see cref="Track.Properties"/>.</summary>
public enum TrackProperty
{
    Popularity,
    DurationMs,
    Explicit,
    ReleaseYear,
    Danceability,
    Energy,
    Key,
    Loudness,
    Speechiness,
    Acousticness,
    Instrumentalness,
    Liveness,
    Valence,
    Tempo,
}

public static class TrackProperties
{
    public static IReadOnlyList<TrackProperty> All { get; } = Enum.GetValues<TrackProperty>();

    public static int Count => All.Count;

    /// <summary>The field name in <c>tracks.jsonl</c> (release year comes from <c>release_date</c>).</summary>
    public static string FieldName(this TrackProperty property) => property switch
    {
        TrackProperty.DurationMs => "duration_ms",
        TrackProperty.ReleaseYear => "release_date",
        _ => property.ToString().ToLowerInvariant(),
    };
}
