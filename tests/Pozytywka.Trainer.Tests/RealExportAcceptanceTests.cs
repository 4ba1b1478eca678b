using Pozytywka.Listening.Exports;
using Pozytywka.Trainer.Analysis;

namespace Pozytywka.Trainer.Tests;

/// <summary>Figures of the real export, computed independently and stated in issue #2.</summary>
public class RealExportAcceptanceTests
{
    private static readonly Lazy<ExportAnalysis> Analysis = new(() =>
        ExportAnalyzer.Analyze(new ExportDirectory(TestPaths.RealExport)).Report);

    [Fact]
    public void Plays_and_skips_match_the_independent_count()
    {
        TestPaths.RequireRealExport();
        var a = Analysis.Value;
        Assert.Equal(10_229, a.Plays);
        Assert.Equal(3_761, a.SkippedPlays);
        Assert.Equal(0.3677, Math.Round(a.SkipRate, 4));
        Assert.Equal(0, a.SkipsWithoutPrecedingPlay);
    }

    [Fact]
    public void Event_counts_match_the_independent_count()
    {
        TestPaths.RequireRealExport();
        Assert.Equal(
            new Dictionary<string, long> { ["PLAY"] = 10_229, ["SKIP"] = 3_761, ["LIKE"] = 2_833, ["ADVERTISEMENT"] = 2_497, ["BUY_PREMIUM"] = 28 },
            Analysis.Value.EventsPerType);
    }

    [Fact]
    public void Tracks_duplicates_and_storage_match_the_independent_count()
    {
        TestPaths.RequireRealExport();
        var a = Analysis.Value;
        Assert.Equal(21_608, a.RowsPerFile["tracks"]);
        Assert.Equal(185, a.DuplicateTrackNameArtistRows);
        Assert.Equal(0, a.Integrity.TracksWithoutStorage);
        Assert.Equal(0, a.Integrity.SessionTracksMissingFromTracks);
        Assert.Empty(a.Faults);
    }
}

/// <summary>The Trainer issue's targets on the real export, temporal split, and what the default model's hints are worth there.</summary>
public class RealExportModelTests
{
    /// <summary>Advanced with the default options (seed 42), trained once for the tests that need it.</summary>
    private static readonly Lazy<(string Models, Training.TrainedBundle Bundle)> Default = new(() =>
    {
        var models = TestPaths.NewTempDirectory();
        return (models, Training.TrainingRun.Run(TestPaths.RealExport, Listening.Features.FeatureSet.Advanced, models,
            new Training.TrainingOptions(Device: "cpu"), version: "acceptance"));
    });

    [Fact]
    public void Advanced_beats_the_majority_baseline_by_three_points_with_auc_of_at_least_0_74()
    {
        TestPaths.RequireRealExport();
        var m = Default.Value.Bundle.Metrics;

        Assert.True(m.Accuracy >= m.MajorityAccuracy + 0.03, $"accuracy {m.Accuracy:P2}, majority {m.MajorityAccuracy:P2}");
        Assert.True(m.Auc >= 0.74, $"AUC {m.Auc:0.000}");
    }

    [Fact]
    public void Listener_taste_lifts_advanced_at_seed_1_to_auc_0_770_and_accuracy_71_percent_with_lower_log_loss_than_without_it()
    {
        var export = TestPaths.RequireRealExport();
        var models = TestPaths.NewTempDirectory();
        var options = new Training.TrainingOptions(Device: "cpu", Seed: 1);
        var withTaste = Training.TrainingRun.Run(export, Listening.Features.FeatureSet.Advanced, models, options, version: "taste").Metrics;
        var without = Training.TrainingRun.Run(export, Listening.Features.FeatureSet.AdvancedV1, models, options, version: "v1").Metrics;

        Assert.True(withTaste.Auc >= 0.770, $"AUC {withTaste.Auc:0.000} (advanced-v1: {without.Auc:0.000})");
        Assert.True(withTaste.Accuracy >= 0.710, $"accuracy {withTaste.Accuracy:P2} (advanced-v1: {without.Accuracy:P2})");
        Assert.True(withTaste.LogLoss < without.LogLoss, $"log loss {withTaste.LogLoss:0.0000} vs advanced-v1 {without.LogLoss:0.0000}");
        Assert.True(withTaste.Accuracy > without.Accuracy, $"accuracy {withTaste.Accuracy:P2} vs advanced-v1 {without.Accuracy:P2}");
    }

    [Fact]
    public void Whole_track_prefetch_ranked_by_the_default_model_cuts_waste_by_15_percent_keeping_95_percent_of_the_useful_bytes()
    {
        var export = TestPaths.RequireRealExport();
        var report = Simulation.CacheSimulation.Run(export, Default.Value.Models, Simulation.CacheSimulationSettings.Default, TestPaths.NewTempDirectory());

        Assert.Equal(Simulation.PrefetchRanking.ExpectedHeardShare, report.Ranking);
        Assert.True(report.WasteCutAt95PctUseful >= 0.15, $"waste cut {report.WasteCutAt95PctUseful:P1} at 95 % of the useful bytes " +
            $"(by P(complete) alone {report.Compared.WasteCutAt95PctUseful:P1}; ceiling {report.Ceiling.WasteCutAt95PctUseful:P1})");
    }
}
