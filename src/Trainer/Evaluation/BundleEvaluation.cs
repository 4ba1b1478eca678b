using Pozytywka.Listening.Evaluation;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Evaluation;

/// <summary>One bundle's figures on the temporal test plays of an export.</summary>
public sealed record BundleScore(string Model, string Version, string Directory, ClassificationMetrics Metrics);

/// <summary>Scores every bundle under a models directory on the same temporal test plays, beside the majority baseline.</summary>
public static class BundleEvaluation
{
    public static IReadOnlyList<BundleScore> Run(string dataDirectory, string modelsDirectory)
    {
        var export = new ExportDirectory(dataDirectory);
        var faults = new FaultLog();
        var catalog = CatalogLoader.Load(export, faults);
        var test = DatasetSplit.Temporal(PlayDataset.Replay(export, catalog, faults)).Test;
        var inputs = test.Select(p => p.Input).ToList();
        var labels = test.Select(p => p.Skipped).ToList();

        var scores = new List<BundleScore>();
        foreach (var directory in BundleDirectories(modelsDirectory))
        {
            using var scorer = ModelBundle.Load(directory, catalog);
            var metrics = ClassificationMetrics.Compute(scorer.Score(inputs), labels, scorer.Manifest.DecisionThreshold);
            scores.Add(new BundleScore(scorer.Manifest.Name, scorer.Manifest.Version, directory, metrics));
        }
        return scores;
    }

    public static IEnumerable<string> BundleDirectories(string modelsDirectory) =>
        Directory.Exists(modelsDirectory)
            ? Directory.GetFiles(modelsDirectory, ModelBundle.ManifestFile, SearchOption.AllDirectories)
                .Select(Path.GetDirectoryName).OfType<string>().Order(StringComparer.Ordinal)
            : [];
}
