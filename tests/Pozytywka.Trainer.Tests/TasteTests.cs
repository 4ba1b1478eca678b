using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Trainer.Synthetic;
using Pozytywka.Trainer.Training;
using Pozytywka.Trainer.Runs;

namespace Pozytywka.Trainer.Tests;

/// <summary>The listener-taste features find the personal thresholds the generator plants, and help only where there is something to learn.</summary>
public class TasteTests(TrainedModelsFixture trained) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public void Taste_features_lift_advanced_over_advanced_v1_on_planted_listener_thresholds()
    {
        var withTaste = trained.Advanced.Metrics;
        var without = trained.AdvancedV1.Metrics;
        // Same plays, same seed, same network: the only difference is the taste features.
        Assert.True(withTaste.Auc > without.Auc, $"AUC with taste {withTaste.Auc:0.000}, without {without.Auc:0.000}");
        Assert.True(withTaste.LogLoss < without.LogLoss, $"log loss with taste {withTaste.LogLoss:0.000}, without {without.LogLoss:0.000}");
    }

    [Fact]
    public void Each_listeners_strongest_split_lands_on_their_planted_danceability_cut()
    {
        var options = new GeneratorOptions(TestPaths.NewTempDirectory(), Users: 30, Sessions: 1200, Seed: 13, Faults: false);
        ExportGenerator.Generate(options);
        var planted = new SyntheticWorld(options, new SyntheticRandom(options.Seed)).Users.ToDictionary(u => u.UserId);
        var export = new ExportDirectory(options.OutputDirectory);
        var catalog = CatalogLoader.Load(export, new FaultLog());
        var timeline = new ListeningTimeline(catalog);
        PlayDataset.Replay(export, timeline, new FaultLog());

        // Over 200 plays a chance split on another attribute (or the population-wide popularity effect) can win
        // for some listeners; most must find their own cut. Every danceability split must skip more on the planted
        // side, and its cut must lie near the planted one for most listeners (a noisy history can move it).
        var splits = timeline.TasteSplits();
        Assert.Equal(planted.Count, splits.Count);
        var onDanceability = splits.Where(s => TasteFeatures.Attributes[s.Value.Attribute] == TrackProperty.Danceability).ToList();
        Assert.True(onDanceability.Count > splits.Count / 2, $"{onDanceability.Count} of {splits.Count} listeners split on danceability");
        Assert.All(onDanceability, s => Assert.Equal(planted[s.Key].DislikesLowDanceability, s.Value.SkipRateBelow > s.Value.SkipRateAbove));
        var errors = onDanceability.Select(s => Math.Abs(s.Value.Cut - planted[s.Key].DanceabilityCut)).Order().ToList();
        Assert.True(errors[errors.Count / 2] < 0.05, $"median cut error {errors[errors.Count / 2]:0.000}; all: {string.Join(", ", errors.Select(e => e.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void Without_learnable_signal_advanced_is_never_below_the_majority_baseline()
    {
        var export = TestPaths.NewTempDirectory();
        ExportGenerator.Generate(new GeneratorOptions(export, Users: 40, Sessions: 700, Seed: 31, Faults: false) { Signal = false });
        var metrics = TrainingRun.Run(export, FeatureSet.Advanced, TestPaths.NewTempDirectory(), TrainedModelsFixture.Options, version: "v1").Metrics;
        Assert.True(metrics.Accuracy >= metrics.MajorityAccuracy, $"accuracy {metrics.Accuracy:P2}, majority {metrics.MajorityAccuracy:P2}");
        Assert.InRange(metrics.Auc, 0.45, 0.55);
    }
}
