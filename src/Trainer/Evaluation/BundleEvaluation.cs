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
        // The same test plays for every bundle; replayed again only for a bundle that keeps another listener history.
        var testByHistory = new Dictionary<int, IReadOnlyList<LabeledPlay>>();
        IReadOnlyList<LabeledPlay> TestPlays(int listenerHistory)
        {
            if (!testByHistory.TryGetValue(listenerHistory, out var test))
                testByHistory[listenerHistory] = test = DatasetSplit.Temporal(PlayDataset.Replay(export, catalog, faults, listenerHistory)).Test;
            return test;
        }

        var scores = new List<BundleScore>();
        foreach (var directory in BundleLocator.All(modelsDirectory))
        {
            using var scorer = ModelBundle.Load(directory, catalog);
            var test = TestPlays(scorer.Spec.ListenerHistory);
            var metrics = ClassificationMetrics.Compute(scorer.Score(test.Select(p => p.Input).ToList()), test.Select(p => p.Skipped).ToList(),
                scorer.Manifest.DecisionThreshold);
            scores.Add(new BundleScore(scorer.Manifest.Name, scorer.Manifest.Version, directory, metrics));
        }
        return scores;
    }
}
