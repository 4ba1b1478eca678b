using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>The names of the features, in vector order; <see cref="FeatureVectorizer"/> writes them in this order.</summary>
public static class FeatureNames
{
    public static readonly string[] GenreOverlap = ["genre_overlap_count", "genre_jaccard", "genre_cluster_matches"];

    public static readonly string[] Context =
    [
        "storage_fast", "storage_medium", "log_daily_cost", "premium", "advertisement_before",
        "log_position", "skips_so_far", "skip_share_so_far", "previous_skipped", "first_in_session",
        "log_seconds_since_session_start", "log_seconds_since_previous_event", "hour_sin", "hour_cos",
        "listener_skip_rate", "log_listener_plays", "track_skip_prior", "log_track_prior_plays",
        "artist_skip_prior", "log_artist_prior_plays", "track_in_catalog",
    ];

    public static IReadOnlyList<string> For(FeatureSet set, int clusters)
    {
        var names = new List<string>(GenreOverlap);
        names.AddRange(Enumerable.Range(0, clusters).Select(c => $"listener_genre_cluster_{c}"));
        names.AddRange(Enumerable.Range(0, clusters).Select(c => $"track_genre_cluster_{c}"));
        if (set.HasContext())
        {
            names.AddRange(TrackProperties.All.Select(p => $"track_{p.FieldName()}"));
            names.AddRange(Context);
        }
        if (set.HasTaste())
            names.AddRange(TasteFeatures.Names);
        return names;
    }
}
