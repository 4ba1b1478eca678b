using Pozytywka.Listening.Evaluation;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Evaluation;
using Pozytywka.Trainer.Simulation;
using Pozytywka.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Pozytywka.Trainer.Runs;

/// <summary>The result of training one model: where its bundle is and what it scored.</summary>
public sealed record TrainedBundle(string Directory, BundleMetrics Metrics);

/// <summary>
/// Trains one model on an export end to end: replay, temporal split, choose the recipe on time-ordered folds inside
/// the training period (<see cref="ModelChoice"/>), train on the whole period with it, save the bundle, and score the
/// test plays through the loaded bundle — the serving path — so the reported figures are the ones serving will
/// reproduce. The same recipe is trained on the original random split, reported beside and labelled as such.
/// </summary>
public static class TrainingRun
{
    private const double Threshold = 0.5;

    public static TrainedBundle Run(string dataDirectory, FeatureSet set, string modelsDirectory, TrainingOptions options,
        string? version = null, IProgress<string>? steps = null, IProgress<double>? epochs = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var device = TorchDevices.WithCpuThreads(options.Device, options.CpuThreads);
        var export = new ExportDirectory(dataDirectory);
        var faults = new FaultLog();
        steps?.Report("loading catalog and replaying sessions");
        var catalog = CatalogLoader.Load(export, faults);
        var plays = PlayDataset.Replay(export, catalog, faults, options.ListenerHistory);
        if (plays.Count < 50)
            throw new InvalidDataException($"{dataDirectory} holds {plays.Count} plays; at least 50 are needed to train");

        var name = set.ModelName();
        var temporal = DatasetSplit.Temporal(plays);
        steps?.Report($"choosing class balance, learning-rate schedule, epochs and calibration for {name} on {TimeOrderedFolds.Count} time-ordered folds");
        var choice = ModelChoice.Make(set, catalog, TimeOrderedFolds.Of(temporal.Training), options, device, epochs);
        var recipe = choice.Recipe;
        steps?.Report($"training {name} on the whole training period ({temporal.Training.Count:N0} plays, {recipe.Epochs} epochs, " +
            $"{recipe.Balance}, {recipe.Schedule})");
        var (spec, module, finalCurve) = TrainOnAll(set, catalog, temporal.Training, recipe, options, device, epochs);

        var createdAt = DateTime.UtcNow;
        version ??= createdAt.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var manifest = new BundleManifest(name, version, set, spec.Width, SkipNetwork.HiddenLayers(set), recipe.Calibration, Threshold, createdAt);
        var skipTimes = SkipTimes.Learn(catalog, temporal.Training);
        var operatingPoints = OperatingPointTuning.Tune(CachePlays.OutOfFold(temporal.Training, choice.OutOfFold, catalog, skipTimes,
            CacheSimulationSettings.Default.BytesPerSecond), skipTimes);
        var directory = ModelBundle.Save(modelsDirectory, manifest, spec, module.cpu(), skipTimes, operatingPoints);
        module.Dispose();

        using var scorer = ModelBundle.Load(directory, catalog, device);
        var testProbabilities = scorer.Score(temporal.Test.Select(p => p.Input).ToList());
        var testLabels = temporal.Test.Select(p => p.Skipped).ToList();
        var calibrated = recipe.Calibration != PlattCalibration.Identity;
        var temporalMetrics = new SplitMetrics(ClassificationMetrics.Compute(testProbabilities, testLabels, Threshold), "temporal", calibrated, temporal.Training.Count)
        {
            TestFrom = temporal.Test[0].Input.Play.StartedAt,
            BaselineAndIntervals = TestFigures.Of(temporal.Test, testProbabilities, Threshold, temporal.TrainingSkipRate),
        };

        steps?.Report($"training {name} on the random split with the same recipe, for comparison only");
        var randomMetrics = RandomSplitMetrics(set, catalog, plays, recipe, options, device);

        var metrics = new BundleMetrics(temporalMetrics, randomMetrics, new BundleProvenance(name, version, recipe, choice.Candidates, Fingerprint(export),
            options.Seed, device.type.ToString().ToLowerInvariant(), stopwatch.Elapsed.TotalSeconds, GitCommit(), createdAt));
        File.WriteAllText(Path.Combine(directory, ModelBundle.MetricsFile), JsonSerializer.Serialize(metrics, EvaluationJsonContext.Default.BundleMetrics));
        choice.OutOfFold.Write(directory);

        EvaluationPlots.LossCurves(Path.Combine(directory, "loss_curves.png"), finalCurve.Losses, choice.ChosenFoldCurve, recipe.Epochs,
            $"{name} {version}: loss per epoch");
        EvaluationPlots.Reliability(Path.Combine(directory, "reliability.png"), testProbabilities, testLabels, $"{name} {version}: reliability (temporal test)");
        EvaluationPlots.Roc(Path.Combine(directory, "roc.png"), testProbabilities, testLabels, temporalMetrics.Auc, $"{name} {version}: ROC (temporal test)");
        return new TrainedBundle(directory, metrics);
    }

    /// <summary>The recipe replayed on every play of a training period: features fitted on them all, the chosen epochs, no plays held back.</summary>
    private static (FeatureSpec Spec, nn.Module<Tensor, Tensor> Module, TrainingCurve Curve) TrainOnAll(FeatureSet set, Catalog catalog,
        IReadOnlyList<LabeledPlay> training, TrainingRecipe recipe, TrainingOptions options, Device device, IProgress<double>? epochs)
    {
        var spec = FeatureSpecFitter.Fit(set, catalog, training, options.Seed, options.ListenerHistory);
        var (module, curve) = MlpTrainer.Train(set, FeatureMatrix.Rows(spec, catalog, training), recipe.Balance, recipe.Schedule, recipe.Epochs,
            options, device, epochs);
        return (spec, module, curve);
    }

    private static SplitMetrics RandomSplitMetrics(FeatureSet set, Catalog catalog, IReadOnlyList<LabeledPlay> plays, TrainingRecipe recipe,
        TrainingOptions options, Device device)
    {
        var split = DatasetSplit.Random(plays, options.Seed);
        var (spec, module, _) = TrainOnAll(set, catalog, split.Training, recipe, options, device, null);
        using (module)
        {
            var testX = FeatureMatrix.Build(spec, catalog, split.Test, pointInTimePriors: false);
            var probabilities = Probabilities(module, testX, spec.Width, device).Select(recipe.Calibration.Apply).ToList();
            return new SplitMetrics(ClassificationMetrics.Compute(probabilities, split.Test.Select(p => p.Skipped).ToList(), Threshold), "random",
                recipe.Calibration != PlattCalibration.Identity, split.Training.Count);
        }
    }

    private static double[] Probabilities(nn.Module<Tensor, Tensor> module, float[] rows, int width, Device device) =>
        SkipNetwork.SkipProbabilities(module, rows, width, device).Select(p => (double)p).ToArray();

    /// <summary>SHA-256 over the export's files, so a bundle names exactly the data it learned from.</summary>
    private static string Fingerprint(ExportDirectory export)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in ExportFiles.All.Select(export.Locate).OfType<string>())
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(path)));
            using var stream = File.OpenRead(path);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
                hash.AppendData(buffer, 0, read);
        }
        return "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            });
            var commit = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return git?.ExitCode == 0 && !string.IsNullOrEmpty(commit) ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"unknown (git could not run: {e.Message})";
        }
    }
}
