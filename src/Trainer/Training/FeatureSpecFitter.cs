using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;

namespace Pozytywka.Trainer.Training;

/// <summary>Fits a <see cref="FeatureSpec"/> on the fit slice only: labels never come from later plays.</summary>
public static class FeatureSpecFitter
{
    public const int GenreClusterCount = 12;

    /// <param name="listenerHistory">How many closed plays per listener the plays were replayed with; recorded in the spec.</param>
    public static FeatureSpec Fit(FeatureSet set, Catalog catalog, IReadOnlyList<LabeledPlay> fit, int seed,
        int listenerHistory = ListeningTimeline.DefaultListenerHistory)
    {
        var genres = catalog.Artists.Values.SelectMany(a => a.Genres).Concat(catalog.Listeners.Values.SelectMany(l => l.FavouriteGenres));
        var priors = SkipPriors.Fit(fit.Select(p => FeatureMatrix.PriorInput(catalog, p)));
        var medians = TrackProperties.All.Select(property => Median(catalog.Tracks.Values.Select(t => t[property]).Where(v => !double.IsNaN(v)))).ToArray();
        var unscaled = new FeatureSpec
        {
            Set = set,
            Genres = GenreClusters.Fit(genres, GenreClusterCount, seed),
            Priors = priors,
            PropertyMedians = medians,
            ListenerHistory = listenerHistory,
        };

        var raw = FeatureMatrix.Build(unscaled, catalog, fit, pointInTimePriors: true, standardize: false);
        var width = unscaled.Width;
        var means = new double[width];
        var stds = new double[width];
        for (var f = 0; f < width; f++)
        {
            var column = Enumerable.Range(0, fit.Count).Select(r => (double)raw[r * width + f]).ToArray();
            means[f] = column.Length == 0 ? 0 : column.Average();
            var variance = column.Length == 0 ? 0 : column.Average(v => (v - means[f]) * (v - means[f]));
            stds[f] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }
        return new FeatureSpec
        {
            Set = set,
            Genres = unscaled.Genres,
            Priors = priors,
            PropertyMedians = medians,
            ListenerHistory = listenerHistory,
            Means = means,
            Stds = stds,
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
