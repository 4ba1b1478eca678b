using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Training;
using Pozytywka.Trainer.Runs;

namespace Pozytywka.Trainer.Tests;

/// <summary>Choices are made on time-ordered folds inside the training period, and the bundle carries what won.</summary>
public class ModelChoiceTests(TrainedModelsFixture trained) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public void Each_fold_learns_only_from_plays_before_the_slice_it_is_judged_on_and_the_slices_end_the_training_period()
    {
        var catalog = CatalogLoader.Load(new ExportDirectory(trained.Export), new FaultLog());
        var training = DatasetSplit.Temporal(PlayDataset.Replay(new ExportDirectory(trained.Export), catalog, new FaultLog())).Training;

        var folds = TimeOrderedFolds.Of(training);

        Assert.Equal(3, folds.Count);
        foreach (var fold in folds)
        {
            Assert.NotEmpty(fold.Validation);
            Assert.True(fold.Fit.Max(p => p.Input.Play.StartedAt) <= fold.Validation.Min(p => p.Input.Play.StartedAt));
            Assert.Empty(fold.Fit.Select(p => p.Input.Play.PlayId).Intersect(fold.Validation.Select(p => p.Input.Play.PlayId)));
        }
        for (var k = 1; k < folds.Count; k++)
            Assert.Equal(folds[k - 1].Fit.Concat(folds[k - 1].Validation).Select(p => p.Input.Play.PlayId), folds[k].Fit.Select(p => p.Input.Play.PlayId));
        var last = folds[^1];
        Assert.Equal(training.Count, last.Fit.Count + last.Validation.Count);
        Assert.Equal(training.Max(p => p.Input.Play.StartedAt), last.Validation.Max(p => p.Input.Play.StartedAt));
    }

    [Fact]
    public void The_bundle_carries_out_of_fold_scores_for_exactly_the_later_folds_plays_and_simulate_cache_refuses_a_bundle_without_them()
    {
        var catalog = CatalogLoader.Load(new ExportDirectory(trained.Export), new FaultLog());
        var split = DatasetSplit.Temporal(PlayDataset.Replay(new ExportDirectory(trained.Export), catalog, new FaultLog()));
        var laterFolds = TimeOrderedFolds.Of(split.Training).Skip(1).SelectMany(f => f.Validation).Select(p => p.Input.Play.PlayId).ToList();

        var scores = OutOfFoldScores.Read(trained.Advanced.Directory).Plays;

        Assert.Equal(laterFolds, scores.Select(s => s.PlayId));
        Assert.All(scores, s => Assert.InRange(s.SkipProbability, 0, 1));
        Assert.Empty(scores.Select(s => s.PlayId).Intersect(split.Test.Select(p => p.Input.Play.PlayId)));

        var models = TestPaths.NewTempDirectory();
        var copy = Path.Combine(models, "advanced", "v1");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(trained.Advanced.Directory).Where(f => Path.GetFileName(f) != OutOfFoldScores.BundleFile))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var refused = Assert.Throws<InvalidDataException>(() =>
            Simulation.CacheSimulation.Run(trained.Export, models, Simulation.CacheSimulationSettings.Default, TestPaths.NewTempDirectory()));
        Assert.Contains("out_of_fold.json is missing", refused.Message);
    }

    [Fact]
    public void The_bundles_operating_points_are_the_highest_thresholds_keeping_each_share_of_the_heard_bytes_on_its_out_of_fold_plays()
    {
        var catalog = CatalogLoader.Load(new ExportDirectory(trained.Export), new FaultLog());
        var split = DatasetSplit.Temporal(PlayDataset.Replay(new ExportDirectory(trained.Export), catalog, new FaultLog()));
        using var scorer = ModelBundle.Load(trained.Advanced.Directory, catalog);
        var plays = Simulation.CachePlays.OutOfFold(split.Training, OutOfFoldScores.Read(trained.Advanced.Directory), catalog, scorer.SkipTimes!, 1);
        var points = scorer.OperatingPoints!;

        Assert.Equal("out-of-fold plays of the training period", points.TunedOn);
        Assert.Equal(plays.Count, points.TuningPlays);
        Assert.Equal(Listening.Hints.HintOperatingPoints.Shares(), points.Points.Select(p => p.UsefulShare));
        // Each threshold, checked by summing heard seconds: it keeps at least its share, and the next higher expected heard share does not.
        double Kept(Func<double, bool> prefetched) => plays.Where(p => prefetched(p.ExpectedHeardShare)).Sum(p => p.HeardSeconds) / plays.Sum(p => p.HeardSeconds);
        foreach (var point in points.Points)
        {
            Assert.True(Kept(share => share >= point.WholeTrackAtOrAbove) >= point.UsefulShare, $"{point}");
            Assert.True(Kept(share => share > point.WholeTrackAtOrAbove) < point.UsefulShare, $"{point}");
        }

        // The plan is simulate-cache's headline choice on the same plays (skip-time plans, the 30 s buffer's stall, its default network).
        var report = Simulation.CacheSimulation.Run(trained.Export, trained.Models, Simulation.CacheSimulationSettings.Default, TestPaths.NewTempDirectory());
        var headline = report.BufferDepth.EqualStall.SingleOrDefault(c => c.Family == Simulation.BufferDepthSimulation.SkipTimeFamily
            && c.ReferenceBufferSeconds == Simulation.BufferDepthSimulation.HeadlineReferenceBuffer);
        if (headline is null)
            Assert.Null(points.Plan);
        else
            Assert.Equal($"skip-time plan: {Simulation.BufferPolicy.Describe(points.Plan!)}", headline.Policy);
    }

    [Fact]
    public void The_bundle_is_trained_with_the_candidate_that_scored_lowest_on_the_folds()
    {
        var metrics = trained.Advanced.Metrics;

        Assert.Equal(2 * 2 * 2, metrics.Candidates.Count);
        var best = metrics.Candidates.MinBy(c => c.LogLoss)!;
        Assert.Equal((best.Balance, best.Schedule, best.Epochs), (metrics.Recipe.Balance, metrics.Recipe.Schedule, metrics.Recipe.Epochs));
        Assert.Equal(best.Platt, metrics.Recipe.Calibration != PlattCalibration.Identity);
        Assert.Equal(best.Platt, metrics.Calibrated);
        Assert.All(metrics.Candidates, c => Assert.InRange(c.Epochs, 1, TrainedModelsFixture.Options.Epochs));

        var manifest = ModelBundle.ReadManifest(trained.Advanced.Directory);
        Assert.Equal(metrics.Recipe.Calibration, manifest.Calibration);
    }

    [Fact]
    public void Smote_trained_on_balanced_rows_overstates_skips_and_the_folds_keep_the_platt_scaling_that_corrects_it()
    {
        var models = TestPaths.NewTempDirectory();
        var smote = TrainingRun.Run(trained.Export, FeatureSet.Advanced, models, TrainedModelsFixture.Options with { Balance = ClassBalance.Smote },
            version: "smote").Metrics;

        Assert.All(smote.Candidates, c => Assert.Equal(ClassBalance.Smote, c.Balance));
        foreach (var schedule in smote.Candidates.GroupBy(c => c.Schedule))
            Assert.True(schedule.Single(c => c.Platt).LogLoss < schedule.Single(c => !c.Platt).LogLoss,
                $"{schedule.Key}: Platt {schedule.Single(c => c.Platt).LogLoss:0.0000} vs raw {schedule.Single(c => !c.Platt).LogLoss:0.0000}");
        Assert.True(smote.Calibrated);
    }
}
