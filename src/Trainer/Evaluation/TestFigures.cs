using Pozytywka.Listening.Evaluation;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Evaluation;

/// <summary>
/// A model's temporal test figures beside the listener-skip-rate baseline's, each with its interval from a bootstrap
/// over listeners: what a reader needs to tell whether the model adds anything to knowing who is listening.
/// </summary>
public sealed record TestFigures(double ListenerBaselineAccuracy, double ListenerBaselineAuc, Interval AccuracyInterval, Interval AucInterval,
    Interval ListenerBaselineAucInterval)
{
    public static TestFigures Of(IReadOnlyList<LabeledPlay> test, IReadOnlyList<double> skipProbability, double threshold, double trainingSkipRate)
    {
        var labels = test.Select(p => p.Skipped).ToList();
        var baseline = ListenerSkipRate.Scores(test, trainingSkipRate);
        var listeners = test.Select(p => p.Input.Play.UserId).ToList();
        double Accuracy(IReadOnlyList<double> scores, IReadOnlyList<int> plays) => plays.Count(i => scores[i] >= threshold == labels[i]) / (double)plays.Count;
        double Auc(IReadOnlyList<double> scores, IReadOnlyList<int> plays) => ClassificationMetrics.RocAuc([.. plays.Select(i => scores[i])], [.. plays.Select(i => labels[i])]);
        var all = Enumerable.Range(0, test.Count).ToList();
        return new TestFigures(
            Accuracy(baseline, all),
            Auc(baseline, all),
            ListenerBootstrap.Of(listeners, plays => Accuracy(skipProbability, plays), ListenerBootstrap.Seed),
            ListenerBootstrap.Of(listeners, plays => Auc(skipProbability, plays), ListenerBootstrap.Seed),
            ListenerBootstrap.Of(listeners, plays => Auc(baseline, plays), ListenerBootstrap.Seed));
    }
}
