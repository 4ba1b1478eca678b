using Pozytywka.Listening.Evaluation;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Evaluation;

/// <summary>One bundle's figures on the temporal test plays of an export.</summary>
public sealed record BundleScore(string Model, string Version, string Directory, ClassificationMetrics Metrics, TestFigures BaselineAndIntervals);

/// <summary>Scores every bundle under a models directory on the same temporal test plays, beside the majority and listener-skip-rate baselines.</summary>
public static class BundleEvaluation
{
    public static IReadOnlyList<BundleScore> Run(string dataDirectory, string modelsDirectory)
    {
        var export = new ExportDirectory(dataDirectory);
        var faults = new FaultLog();
        var catalog = CatalogLoader.Load(export, faults);
        // The same test plays for every bundle; replayed again only for a bundle that keeps another listener history.
        var splitByHistory = new Dictionary<int, DatasetSplit>();
        DatasetSplit SplitFor(int listenerHistory)
        {
            if (!splitByHistory.TryGetValue(listenerHistory, out var split))
                splitByHistory[listenerHistory] = split = DatasetSplit.Temporal(PlayDataset.Replay(export, catalog, faults, listenerHistory));
            return split;
        }

        var scores = new List<BundleScore>();
        foreach (var directory in BundleLocator.All(modelsDirectory))
        {
            using var scorer = ModelBundle.Load(directory, catalog);
            var split = SplitFor(scorer.Spec.ListenerHistory);
            var test = split.Test;
            var probabilities = scorer.Score(test.Select(p => p.Input).ToList());
            var threshold = scorer.Manifest.DecisionThreshold;
            var metrics = ClassificationMetrics.Compute(probabilities, test.Select(p => p.Skipped).ToList(), threshold);
            scores.Add(new BundleScore(scorer.Manifest.Name, scorer.Manifest.Version, directory, metrics,
                TestFigures.Of(test, probabilities, threshold, split.TrainingSkipRate)));
        }
        return scores;
    }
}
