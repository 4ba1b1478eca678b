using System.Text.Json;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Evaluation;
using Pozytywka.Trainer.Training;
using Pozytywka.Trainer.Runs;

namespace Pozytywka.Trainer.Tests;

public class TrainingTests(TrainedModelsFixture trained) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public void Advanced_recovers_the_planted_effects_and_beats_simple_and_the_baseline()
    {
        var advanced = trained.Advanced.Metrics;
        var simple = trained.Simple.Metrics;

        Assert.True(advanced.Auc > simple.Auc + 0.05, $"advanced AUC {advanced.Auc:0.000} vs simple {simple.Auc:0.000}");
        Assert.True(advanced.Auc > 0.65, $"advanced AUC {advanced.Auc:0.000}");
        Assert.True(advanced.Accuracy > advanced.MajorityAccuracy, $"accuracy {advanced.Accuracy:P2} vs majority {advanced.MajorityAccuracy:P2}");
    }

    [Fact]
    public void Metrics_json_holds_the_temporal_figures_and_the_random_split_beside_them()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(trained.Advanced.Directory, ModelBundle.MetricsFile)));
        var root = json.RootElement;
        foreach (var key in new[] { "accuracy", "majority_accuracy", "auc", "log_loss", "brier", "ece", "data_fingerprint", "seed", "device", "training_seconds", "git_commit", "created_at" })
            Assert.True(root.TryGetProperty(key, out _), $"metrics.json lacks {key}");
        Assert.Equal("temporal", root.GetProperty("split").GetString());
        var random = root.GetProperty("random_split");
        Assert.Equal("random", random.GetProperty("split").GetString());
        int AllPlays(JsonElement split) => split.GetProperty("plays").GetInt32() + split.GetProperty("training_plays").GetInt32();
        Assert.Equal(AllPlays(root), AllPlays(random));
        Assert.True(random.GetProperty("accuracy").GetDouble() > random.GetProperty("majority_accuracy").GetDouble(),
            $"random split accuracy {random.GetProperty("accuracy").GetDouble():P2} vs its majority {random.GetProperty("majority_accuracy").GetDouble():P2}");
        Assert.All(new[] { "loss_curves.png", "reliability.png", "roc.png" }, png => Assert.True(File.Exists(Path.Combine(trained.Advanced.Directory, png)), png));

        var figures = root.GetProperty("baseline_and_intervals");
        double Figure(string name) => figures.GetProperty(name).GetDouble();
        (double Low, double High) Range(string name) => (figures.GetProperty(name).GetProperty("low").GetDouble(), figures.GetProperty(name).GetProperty("high").GetDouble());
        Assert.InRange(Figure("listener_baseline_auc"), Range("listener_baseline_auc_interval").Low, Range("listener_baseline_auc_interval").High);
        Assert.InRange(root.GetProperty("auc").GetDouble(), Range("auc_interval").Low, Range("auc_interval").High);
        Assert.InRange(root.GetProperty("accuracy").GetDouble(), Range("accuracy_interval").Low, Range("accuracy_interval").High);
        Assert.True(Range("auc_interval").High - Range("auc_interval").Low > 0, "a bootstrap over listeners has some spread");
    }

    [Fact]
    public void Evaluate_gives_the_same_listener_baseline_and_intervals_as_the_trainer()
    {
        var evaluated = BundleEvaluation.Run(trained.Export, trained.Models).Single(s => s.Model == "advanced").BaselineAndIntervals;
        Assert.Equal(trained.Advanced.Metrics.BaselineAndIntervals, evaluated);
    }

    [Fact]
    public void Evaluate_reproduces_the_trainers_figures_from_the_saved_bundles()
    {
        var scores = BundleEvaluation.Run(trained.Export, trained.Models);

        Assert.Equal(["advanced", "advanced-v1", "simple"], scores.Select(s => s.Model).Order(StringComparer.Ordinal));
        foreach (var (model, bundle) in new[] { ("advanced", trained.Advanced), ("advanced-v1", trained.AdvancedV1), ("simple", trained.Simple) })
        {
            var evaluated = scores.Single(s => s.Model == model).Metrics;
            Assert.Equal(bundle.Metrics.Accuracy, evaluated.Accuracy, 12);
            Assert.Equal(bundle.Metrics.Auc, evaluated.Auc, 12);
            Assert.Equal(bundle.Metrics.LogLoss, evaluated.LogLoss, 12);
        }
    }

    [Fact]
    public void The_same_seed_trains_a_bundle_with_identical_scores()
    {
        var models = TestPaths.NewTempDirectory();
        var again = TrainingRun.Run(trained.Export, FeatureSet.Advanced, models, TrainedModelsFixture.Options, version: "v1");

        var catalog = CatalogLoader.Load(new ExportDirectory(trained.Export), new FaultLog());
        var plays = PlayDataset.Replay(new ExportDirectory(trained.Export), catalog, new FaultLog()).Take(500).Select(p => p.Input).ToList();
        using var first = ModelBundle.Load(trained.Advanced.Directory, catalog);
        using var second = ModelBundle.Load(again.Directory, catalog);
        Assert.Equal(first.Score(plays), second.Score(plays));
    }

    [Fact]
    public void A_bundle_scores_identically_each_time_it_is_loaded()
    {
        var catalog = CatalogLoader.Load(new ExportDirectory(trained.Export), new FaultLog());
        var plays = PlayDataset.Replay(new ExportDirectory(trained.Export), catalog, new FaultLog()).Take(300).Select(p => p.Input).ToList();
        using var first = ModelBundle.Load(trained.Simple.Directory, catalog);
        using var second = ModelBundle.Load(trained.Simple.Directory, catalog);

        var scores = first.Score(plays);
        Assert.Equal(scores, second.Score(plays));
        Assert.Contains(scores, s => Math.Abs(s - scores[0]) > 1e-6);
    }

    [Theory]
    [InlineData("weights", "weights.dat is missing")]
    [InlineData("inputs", "the network takes")]
    [InlineData("format", "feature spec format")]
    [InlineData("corrupt", "features.json is not valid")]
    [InlineData("weights-shape", "does not fit the network")]
    [InlineData("skip-times", "skipped_by_fraction falls")]
    public void An_incompatible_or_corrupt_bundle_is_rejected_with_its_reason(string damage, string reason)
    {
        var copy = Path.Combine(TestPaths.NewTempDirectory(), "advanced", "v1");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(trained.Advanced.Directory))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var manifest = Path.Combine(copy, ModelBundle.ManifestFile);
        var features = Path.Combine(copy, ModelBundle.FeaturesFile);
        switch (damage)
        {
            case "weights":
                File.Delete(Path.Combine(copy, ModelBundle.WeightsFile));
                break;
            case "inputs":
                File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"inputs\": ", "\"inputs\": 1", StringComparison.Ordinal));
                break;
            case "format":
                File.WriteAllText(features, File.ReadAllText(features).Replace($"\"format\": {FeatureSpec.CurrentFormat}", "\"format\": 99", StringComparison.Ordinal));
                break;
            case "corrupt":
                File.WriteAllText(features, "{ not json");
                break;
            case "weights-shape":
                File.Copy(Path.Combine(trained.Simple.Directory, ModelBundle.WeightsFile), Path.Combine(copy, ModelBundle.WeightsFile), overwrite: true);
                break;
            case "skip-times":
                File.WriteAllText(Path.Combine(copy, SkipTimeCurve.BundleFile), "{ \"skipped_by_fraction\": [0, 0.6, 0.4, 1] }");
                break;
        }

        var catalog = CatalogLoader.Load(new ExportDirectory(trained.Export), new FaultLog());
        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(copy, catalog));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(copy, error.Message, StringComparison.Ordinal);
    }
}
