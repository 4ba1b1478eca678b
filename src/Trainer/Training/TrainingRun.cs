using Pozytywka.Listening.Evaluation;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Pozytywka.Trainer.Training;

/// <summary>The result of training one model: where its bundle is and what it scored.</summary>
public sealed record TrainedBundle(string Directory, BundleMetrics Metrics);

/// <summary>
/// Trains one model on an export end to end: replay, temporal split, fit features on the fit slice, train,
/// calibrate on validation when that lowers log loss, save the bundle, and score the test plays through the
/// loaded bundle — the serving path — so the reported figures are the ones serving will reproduce. The same
/// is done on the original random split, reported beside and labelled as such.
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
        steps?.Report($"training {name} on the temporal split ({plays.Count:N0} plays)");
        var temporal = DatasetSplit.Temporal(plays);
        var fitted = Fit(set, catalog, temporal, options, device, epochs);
        var (spec, module, calibration) = (fitted.Spec, fitted.Module, fitted.Calibration);

        var createdAt = DateTime.UtcNow;
        version ??= createdAt.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var manifest = new BundleManifest(name, version, set, spec.Width, SkipNetwork.HiddenLayers(set), calibration, Threshold, createdAt);
        var directory = ModelBundle.Save(modelsDirectory, manifest, spec, module.cpu(), SkipTimes.Learn(catalog, temporal.Fit.Concat(temporal.Validation)));
        module.Dispose();

        using var scorer = ModelBundle.Load(directory, catalog, device);
        var testProbabilities = scorer.Score(temporal.Test.Select(p => p.Input).ToList());
        var testLabels = temporal.Test.Select(p => p.Skipped).ToList();
        var temporalMetrics = new SplitMetrics(ClassificationMetrics.Compute(testProbabilities, testLabels, Threshold), "temporal",
            calibration != PlattCalibration.Identity, temporal.Fit.Count, temporal.Validation.Count)
        {
            TestFrom = temporal.Test[0].Input.Play.StartedAt,
            BaselineAndIntervals = TestFigures.Of(temporal.Test, testProbabilities, Threshold, temporal.TrainingSkipRate),
        };

        steps?.Report($"training {name} on the random split, for comparison only");
        var randomMetrics = RandomSplitMetrics(set, catalog, plays, options with { Balance = fitted.Balance }, device);

        var metrics = new BundleMetrics(temporalMetrics, randomMetrics, new BundleProvenance(name, version, fitted.Balance, Fingerprint(export),
            options.Seed, device.type.ToString().ToLowerInvariant(), stopwatch.Elapsed.TotalSeconds, GitCommit(), createdAt));
        File.WriteAllText(Path.Combine(directory, ModelBundle.MetricsFile), JsonSerializer.Serialize(metrics, EvaluationJsonContext.Default.BundleMetrics));

        EvaluationPlots.LossCurves(Path.Combine(directory, "loss_curves.png"), fitted.Curve, $"{name} {version}: loss per epoch");
        EvaluationPlots.Reliability(Path.Combine(directory, "reliability.png"), testProbabilities, testLabels, $"{name} {version}: reliability (temporal test)");
        EvaluationPlots.Roc(Path.Combine(directory, "roc.png"), testProbabilities, testLabels, temporalMetrics.Auc, $"{name} {version}: ROC (temporal test)");
        return new TrainedBundle(directory, metrics);
    }

    private sealed record FittedModel(FeatureSpec Spec, nn.Module<Tensor, Tensor> Module, IReadOnlyList<EpochLoss> Curve,
        PlattCalibration Calibration, ClassBalance Balance, double ValidationLogLoss);

    /// <summary>A split's fitted feature spec and feature rows, built once however many networks train on them.</summary>
    private sealed record PreparedSplit(FeatureSpec Spec, float[] FitX, long[] FitY, float[] ValidationX, long[] ValidationY, List<bool> ValidationLabels);

    private static PreparedSplit Prepare(FeatureSet set, Catalog catalog, DatasetSplit split, TrainingOptions options)
    {
        var spec = FeatureSpecFitter.Fit(set, catalog, split.Fit, options.Seed, options.ListenerHistory);
        return new PreparedSplit(
            spec,
            FeatureMatrix.Build(spec, catalog, split.Fit, pointInTimePriors: true),
            FeatureMatrix.Labels(split.Fit),
            FeatureMatrix.Build(spec, catalog, split.Validation, pointInTimePriors: false),
            FeatureMatrix.Labels(split.Validation),
            split.Validation.Select(p => p.Skipped).ToList());
    }

    /// <summary>Fits with the asked balance; Auto fits both and keeps the lower calibrated validation log loss.</summary>
    private static FittedModel Fit(FeatureSet set, Catalog catalog, DatasetSplit split, TrainingOptions options, Device device, IProgress<double>? epochs)
    {
        var prepared = Prepare(set, catalog, split, options);
        if (options.Balance != ClassBalance.Auto)
            return FitWith(options.Balance, set, prepared, options, device, epochs);
        var weighted = FitWith(ClassBalance.ClassWeights, set, prepared, options, device, epochs);
        var smote = FitWith(ClassBalance.Smote, set, prepared, options, device, epochs);
        var (keep, drop) = smote.ValidationLogLoss < weighted.ValidationLogLoss ? (smote, weighted) : (weighted, smote);
        drop.Module.Dispose();
        return keep;
    }

    private static FittedModel FitWith(ClassBalance balance, FeatureSet set, PreparedSplit prepared, TrainingOptions options,
        Device device, IProgress<double>? epochs)
    {
        var spec = prepared.Spec;
        var validationLabels = prepared.ValidationLabels;
        var (module, curve) = MlpTrainer.Train(set, spec.Width, prepared.FitX, prepared.FitY, prepared.ValidationX,
            prepared.ValidationY, balance, options, device, epochs);

        // Balancing shifts raw probabilities; Platt scaling on validation puts them back when it helps. Whether it helps
        // is judged out of sample: fitted on the validation slice's earlier half, judged on its later half (a fit always
        // lowers the loss of the plays it was fitted on). Kept, it is fitted again on the whole slice.
        var raw = Probabilities(module, prepared.ValidationX, spec.Width, device);
        var half = raw.Length / 2;
        var (judged, judgedLabels) = (raw[half..], validationLabels.Skip(half).ToList());
        var onEarlierHalf = PlattCalibration.Fit(raw[..half], [.. validationLabels.Take(half)]);
        var rawLoss = ClassificationMetrics.MeanLogLoss(judged, judgedLabels);
        var calibratedLoss = ClassificationMetrics.MeanLogLoss([.. judged.Select(onEarlierHalf.Apply)], judgedLabels);
        return calibratedLoss < rawLoss
            ? new FittedModel(spec, module, curve, PlattCalibration.Fit(raw, validationLabels), balance, calibratedLoss)
            : new FittedModel(spec, module, curve, PlattCalibration.Identity, balance, rawLoss);
    }

    private static SplitMetrics RandomSplitMetrics(FeatureSet set, Catalog catalog, IReadOnlyList<LabeledPlay> plays, TrainingOptions options, Device device)
    {
        var split = DatasetSplit.Random(plays, options.Seed);
        var fitted = FitWith(options.Balance, set, Prepare(set, catalog, split, options), options, device, null);
        using var module = fitted.Module;
        var testX = FeatureMatrix.Build(fitted.Spec, catalog, split.Test, pointInTimePriors: false);
        var probabilities = Probabilities(module, testX, fitted.Spec.Width, device).Select(fitted.Calibration.Apply).ToList();
        return new SplitMetrics(ClassificationMetrics.Compute(probabilities, split.Test.Select(p => p.Skipped).ToList(), Threshold), "random",
            fitted.Calibration != PlattCalibration.Identity, split.Fit.Count, split.Validation.Count);
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
