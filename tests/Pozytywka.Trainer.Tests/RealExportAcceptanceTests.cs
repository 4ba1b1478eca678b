using Pozytywka.Listening.Exports;
using Pozytywka.Reference;
using Pozytywka.Trainer.Analysis;

namespace Pozytywka.Trainer.Tests;

/// <summary>
/// The analyzer's figures of the real export against the same figures computed apart from it: plays and skips by the
/// test code's reference reconstruction, event and catalog counts by reading the files with nothing but a JSON parser.
/// </summary>
public class RealExportAcceptanceTests
{
    private static readonly Lazy<ExportAnalysis> Analysis = new(() =>
        ExportAnalyzer.Analyze(new ExportDirectory(TestPaths.RealExport)).Report);

    [Fact]
    public void Plays_and_skips_match_the_reference_reconstruction()
    {
        var export = TestPaths.RequireRealExport();
        var reference = ReferenceReconstruction.Run(LoggedEvent.FromLines(ExportFacts.Lines(export, "sessions")));
        var (plays, skipped) = (reference.Plays.Count, reference.Plays.Count(p => p.Skipped));
        Assert.True(plays > 0 && skipped > 0, $"the reference found {plays} plays, {skipped} skipped");

        var a = Analysis.Value;
        Assert.Equal(plays, a.Plays);
        Assert.Equal(skipped, a.SkippedPlays);
        Assert.Equal((double)skipped / plays, a.SkipRate, precision: 12);
        Assert.Equal(reference.UnmatchedSkips, a.SkipsWithoutPrecedingPlay);
    }

    [Fact]
    public void Event_counts_match_a_count_of_the_sessions_file()
    {
        var export = TestPaths.RequireRealExport();
        var counted = ExportFacts.Lines(export, "sessions")
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("event_type").GetString()!.ToUpperInvariant())
            .GroupBy(type => type).ToDictionary(g => g.Key, g => g.LongCount());

        Assert.Equal(counted.OrderBy(c => c.Key, StringComparer.Ordinal), Analysis.Value.EventsPerType.Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Tracks_duplicates_and_storage_match_a_count_of_the_catalog_files()
    {
        var export = TestPaths.RequireRealExport();
        var facts = ExportFacts.Of(export);
        var a = Analysis.Value;

        Assert.Equal(facts.TrackRows, a.RowsPerFile["tracks"]);
        Assert.Equal(facts.TrackRowsRepeatingNameAndArtist, a.DuplicateTrackNameArtistRows);
        Assert.Equal(facts.TracksWithoutStorage, a.Integrity.TracksWithoutStorage);
        Assert.Equal(facts.SessionTracksMissingFromTracks, a.Integrity.SessionTracksMissingFromTracks);
        Assert.Empty(a.Faults);
    }
}

/// <summary>The Trainer issue's targets on the real export, temporal split, and what the default model's hints are worth there.</summary>
public class RealExportModelTests
{
    /// <summary>Advanced with the default options (seed 42), trained once for the tests that need it.</summary>
    private static readonly Lazy<(string Models, Runs.TrainedBundle Bundle)> Default = new(() =>
    {
        var models = TestPaths.NewTempDirectory();
        return (models, Runs.TrainingRun.Run(TestPaths.RealExport, Listening.Features.FeatureSet.Advanced, models,
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
        var withTaste = Runs.TrainingRun.Run(export, Listening.Features.FeatureSet.Advanced, models, options, version: "taste").Metrics;
        var without = Runs.TrainingRun.Run(export, Listening.Features.FeatureSet.AdvancedV1, models, options, version: "v1").Metrics;

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
            $"(by P(complete) alone {report.Compared.WasteCutAt95PctUseful:P1}; bound {report.BoundWasteCutAt95PctUseful:P1})");
        Assert.True(report.BoundWasteCutAt95PctUseful >= report.WasteCutAt95PctUseful && report.BoundWasteCutAt95PctUseful >= report.RandomOrderClassifier.MeanAt95PctUseful,
            $"bound {report.BoundWasteCutAt95PctUseful:P1} below the hints' {report.WasteCutAt95PctUseful:P1} or the random-order classifier's {report.RandomOrderClassifier.MeanAt95PctUseful:P1}");
    }
}
