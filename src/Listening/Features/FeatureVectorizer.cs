using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>
/// Turns a play, as known at its PLAY, into its feature vector (order: <see cref="FeatureNames"/>). Inputs are
/// the play context, the listener's history snapshot, the catalog and the fitted spec: nothing that happens
/// after the PLAY can reach a feature.
/// </summary>
public static class FeatureVectorizer
{
    /// <param name="priorsAtPlay">
    /// Only while fitting: the track and artist skip counts as they stood when the play started (the fit plays before
    /// it), as serving sees counts of the plays before; serving uses the spec's frozen priors.
    /// </param>
    /// <param name="standardize">False only while fitting the scaler itself.</param>
    public static void Write(FeatureSpec spec, Catalog.Catalog catalog, PlayToScore input, Span<float> destination,
        IReadOnlyList<string>? favouriteGenres = null, SkipPriors? priorsAtPlay = null, bool standardize = true)
    {
        if (destination.Length != spec.Width)
            throw new ArgumentException($"destination holds {destination.Length} features, the spec has {spec.Width}", nameof(destination));

        var play = input.Play;
        var track = catalog.FindTrack(play.TrackId);
        var trackGenres = track is null ? [] : catalog.GenresOf(track);
        var listenerGenres = favouriteGenres ?? catalog.Listeners.GetValueOrDefault(play.UserId)?.FavouriteGenres ?? [];
        var i = 0;

        var overlap = GenreLists.SharedCount(listenerGenres, trackGenres);
        var union = GenreLists.DistinctCount(listenerGenres) + GenreLists.DistinctCount(trackGenres) - overlap;
        var listenerClusters = ClusterFlags(spec.Genres, listenerGenres);
        var trackClusters = ClusterFlags(spec.Genres, trackGenres);
        destination[i++] = overlap;
        destination[i++] = union == 0 ? 0 : (float)overlap / union;
        destination[i++] = listenerClusters.Zip(trackClusters).Count(p => p.First && p.Second);
        foreach (var flag in listenerClusters)
            destination[i++] = flag ? 1 : 0;
        foreach (var flag in trackClusters)
            destination[i++] = flag ? 1 : 0;

        if (spec.Set.HasContext())
            i = WriteAdvanced(spec, catalog, input, track, priorsAtPlay ?? spec.Priors, destination, i);
        if (spec.Set.HasTaste())
        {
            foreach (var taste in input.Listener.Taste)
                destination[i++] = taste;
        }

        if (standardize)
        {
            for (var f = 0; f < destination.Length; f++)
                destination[f] = (float)((destination[f] - spec.Means[f]) / spec.Stds[f]);
        }
    }

    private static int WriteAdvanced(FeatureSpec spec, Catalog.Catalog catalog, PlayToScore input, Track? track,
        SkipPriors priors, Span<float> d, int i)
    {
        var play = input.Play;
        foreach (var property in TrackProperties.All)
        {
            var value = track?[property] ?? double.NaN;
            d[i++] = (float)(double.IsNaN(value) ? spec.PropertyMedians[(int)property] : value);
        }

        var storage = catalog.Storage.GetValueOrDefault(play.TrackId);
        d[i++] = storage?.StorageClass == "FAST" ? 1 : 0;
        d[i++] = storage?.StorageClass == "MEDIUM" ? 1 : 0;
        d[i++] = (float)Math.Log(1e-6 + (storage is { DailyCost: var cost } && !double.IsNaN(cost) ? cost : 0));
        d[i++] = input.Listener.Premium ? 1 : 0;
        d[i++] = play.AdvertisementBefore ? 1 : 0;
        d[i++] = (float)Math.Log(play.Position);
        d[i++] = play.SkipsSoFar;
        d[i++] = play.Position > 1 ? (float)play.SkipsSoFar / (play.Position - 1) : 0;
        d[i++] = play.PreviousSkipped ? 1 : 0;
        d[i++] = play.Position == 1 ? 1 : 0;
        d[i++] = (float)Math.Log(1 + Math.Max(0, play.SecondsSinceSessionStart));
        d[i++] = (float)Math.Log(1 + Math.Max(0, play.SecondsSincePreviousEvent));
        var hour = play.StartedAt.TimeOfDay.TotalHours;
        d[i++] = (float)Math.Sin(2 * Math.PI * hour / 24);
        d[i++] = (float)Math.Cos(2 * Math.PI * hour / 24);

        var history = new SkipCount(input.Listener.PlaysBefore, input.Listener.SkipsBefore);
        d[i++] = (float)history.Smoothed(priors.GlobalRate, FeatureSpec.ListenerPriorStrength);
        d[i++] = (float)Math.Log(1 + history.Plays);
        var trackCount = SkipPriors.Lookup(priors.Tracks, play.TrackId);
        d[i++] = (float)trackCount.Smoothed(priors.GlobalRate, SkipPriors.Strength);
        d[i++] = (float)Math.Log(1 + trackCount.Plays);
        var artistCount = SkipPriors.Lookup(priors.Artists, track?.ArtistId);
        d[i++] = (float)artistCount.Smoothed(priors.GlobalRate, SkipPriors.Strength);
        d[i++] = (float)Math.Log(1 + artistCount.Plays);
        d[i++] = track is null ? 0 : 1;
        return i;
    }

    private static bool[] ClusterFlags(GenreClusters clusters, IReadOnlyList<string> genres)
    {
        var flags = new bool[clusters.Count];
        foreach (var genre in genres)
            flags[clusters.ClusterOf(genre)] = true;
        return flags;
    }
}
