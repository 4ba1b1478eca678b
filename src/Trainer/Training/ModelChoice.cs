using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Evaluation;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using static TorchSharp.torch;

namespace Pozytywka.Trainer.Training;

/// <summary>
/// Chooses the class balance, learning-rate schedule, epoch count and calibration on time-ordered folds inside the
/// training period, never on one slice: every candidate (balance × schedule) trains on each fold, with the features
/// fitted on that fold's plays only. Its epoch count is the one with the lowest validation loss averaged over the
/// folds. It is then judged by the log loss of its skip probabilities on every fold but the first, raw and
/// Platt-scaled, the scaling fitted on the folds before the one judged (a calibration judged on the plays it was
/// fitted on always helps). The lowest wins; a kept calibration is fitted again on every fold's out-of-fold
/// probabilities, for the network trained afterwards on the whole period.
/// </summary>
/// <param name="OutOfFold">
/// The winner's skip probabilities on the later folds' plays, as the choice judged them (calibrated, if kept, by the fit
/// on the folds before): scores of plays no network that produced them had learned from, for tuning what comes after.
/// </param>
public sealed record ModelChoice(TrainingRecipe Recipe, IReadOnlyList<CandidateScore> Candidates, IReadOnlyList<EpochLoss> ChosenFoldCurve,
    OutOfFoldScores OutOfFold)
{
    private static readonly LearningRateSchedule[] Schedules = [LearningRateSchedule.Constant, LearningRateSchedule.StepDecay];

    public static ModelChoice Make(FeatureSet set, Catalog catalog, IReadOnlyList<Fold> folds, TrainingOptions options, Device device,
        IProgress<double>? progress = null)
    {
        var rows = folds.Select(fold => FeatureMatrix.Rows(
            FeatureSpecFitter.Fit(set, catalog, fold.Fit, options.Seed, options.ListenerHistory), catalog, fold.Fit, fold.Validation)).ToList();
        var labels = folds.Select(fold => fold.Validation.Select(p => p.Skipped).ToList()).ToList();
        var balances = options.Balance == ClassBalance.Auto ? [ClassBalance.ClassWeights, ClassBalance.Smote] : new[] { options.Balance };
        var runs = (from balance in balances from schedule in Schedules select (balance, schedule)).ToList();

        var candidates = runs.Select((candidate, run) =>
        {
            var curves = rows.Select((foldRows, k) => Curve(set, foldRows, candidate.balance, candidate.schedule, options, device,
                Scaled(progress, (double)(run * folds.Count + k) / (runs.Count * folds.Count), 1.0 / (runs.Count * folds.Count)))).ToList();
            return Candidate.Of(candidate.balance, candidate.schedule, curves, labels);
        }).ToList();

        var scores = candidates.SelectMany(c => c.Scores).ToList();
        var chosen = scores.MinBy(s => s.LogLoss)!;
        var winner = candidates.Single(c => c.Balance == chosen.Balance && c.Schedule == chosen.Schedule);
        var calibration = chosen.Platt
            ? PlattCalibration.Fit([.. winner.OutOfFold.SelectMany(p => p)], [.. labels.SelectMany(l => l)])
            : PlattCalibration.Identity;
        var judged = LaterFolds(winner.OutOfFold, labels, chosen.Platt);
        var outOfFold = new OutOfFoldScores(folds.Skip(1).SelectMany(f => f.Validation).Zip(judged.SelectMany(p => p))
            .Select(scored => new OutOfFoldScore(scored.First.Input.Play.PlayId, scored.Second)).ToList());
        return new ModelChoice(new TrainingRecipe(chosen.Balance, chosen.Schedule, chosen.Epochs, calibration), scores, winner.MeanCurve, outOfFold);
    }

    /// <summary>One balance × schedule on every fold: its mean curve, its epoch count, and its probabilities at that epoch.</summary>
    private sealed record Candidate(ClassBalance Balance, LearningRateSchedule Schedule, List<EpochLoss> MeanCurve, List<double[]> OutOfFold,
        IReadOnlyList<CandidateScore> Scores)
    {
        public static Candidate Of(ClassBalance balance, LearningRateSchedule schedule, List<TrainingCurve> curves, List<List<bool>> labels)
        {
            var meanCurve = MeanOverFolds(curves);
            var epochs = meanCurve.MinBy(e => e.Validation)!.Epoch;
            var outOfFold = curves.Select(c => c.ValidationSkipProbabilities[epochs - 1]).ToList();
            return new Candidate(balance, schedule, meanCurve, outOfFold,
            [
                new CandidateScore(balance, schedule, epochs, Platt: false, LaterFoldsLoss(outOfFold, labels, platt: false)),
                new CandidateScore(balance, schedule, epochs, Platt: true, LaterFoldsLoss(outOfFold, labels, platt: true)),
            ]);
        }
    }

    private static TrainingCurve Curve(FeatureSet set, TrainingRows rows, ClassBalance balance, LearningRateSchedule schedule, TrainingOptions options,
        Device device, IProgress<double>? progress)
    {
        var (module, curve) = MlpTrainer.Train(set, rows, balance, schedule, options.Epochs, options, device, progress);
        module.Dispose();
        return curve;
    }

    /// <summary>Train and validation losses averaged over the folds, for the epochs every fold reached.</summary>
    private static List<EpochLoss> MeanOverFolds(List<TrainingCurve> curves)
    {
        var reached = curves.Min(c => c.Losses.Count);
        return Enumerable.Range(0, reached)
            .Select(e => new EpochLoss(e + 1, curves.Average(c => c.Losses[e].Train), curves.Average(c => c.Losses[e].Validation)))
            .ToList();
    }

    /// <summary>Mean log loss over the plays of every fold but the first, as <see cref="LaterFolds"/> scores them.</summary>
    private static double LaterFoldsLoss(List<double[]> outOfFold, List<List<bool>> labels, bool platt) =>
        ClassificationMetrics.MeanLogLoss([.. LaterFolds(outOfFold, labels, platt).SelectMany(p => p)], [.. labels.Skip(1).SelectMany(l => l)]);

    /// <summary>The probabilities of every fold but the first, raw or scaled by a fit on the folds before it.</summary>
    private static IEnumerable<double[]> LaterFolds(List<double[]> outOfFold, List<List<bool>> labels, bool platt) =>
        Enumerable.Range(1, outOfFold.Count - 1).Select(k =>
        {
            if (!platt)
                return outOfFold[k];
            var calibration = PlattCalibration.Fit([.. outOfFold.Take(k).SelectMany(p => p)], [.. labels.Take(k).SelectMany(l => l)]);
            return outOfFold[k].Select(calibration.Apply).ToArray();
        });

    private static Progress? Scaled(IProgress<double>? progress, double start, double share) =>
        progress is null ? null : new Progress(fraction => progress.Report(start + share * fraction));

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
