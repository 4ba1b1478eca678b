using System.CommandLine;
using Pozytywka.Listening.Features;
using Pozytywka.Trainer.Training;
using Pozytywka.Trainer.Runs;

namespace Pozytywka.Trainer.Cli;

public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export directory", Required = true };
        var model = new Option<FeatureSet>("--model")
        {
            Description = "simple, advanced (with the listener's taste) or advanced-v1 (without it)",
            Required = true,
            CustomParser = result => FeatureSets.FromModelName(result.Tokens[0].Value) is { } set ? set
                : Invalid(result, $"--model must be one of {string.Join(", ", FeatureSets.All.Select(s => s.ModelName()))}"),
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "models directory; the bundle goes to OUT/NAME/VERSION", Required = true };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var seed = new Option<int>("--seed") { Description = "same seed, same bundle on the same device", DefaultValueFactory = _ => 42 };
        var epochs = new Option<int>("--epochs") { Description = "most epochs a fold trains (the count the final network trains is chosen on the time-ordered folds)", DefaultValueFactory = _ => new TrainingOptions().Epochs };
        var version = new Option<string?>("--version") { Description = "bundle version (default: UTC time)" };
        var balance = new Option<ClassBalance>("--balance") { Description = "auto (try both, keep the better on the time-ordered folds), classweights or smote", DefaultValueFactory = _ => ClassBalance.Auto };
        var history = new Option<int>("--listener-history")
        {
            Description = "closed plays kept per listener for the taste features (the processor's Scoring:ListenerHistory must match)",
            DefaultValueFactory = _ => new TrainingOptions().ListenerHistory,
        };
        history.AtLeastOne();
        var threads = new Option<int>("--threads")
        {
            Description = "libtorch CPU threads (1: the network is small, and a second thread costs more than it saves beside other work)",
            DefaultValueFactory = _ => new TrainingOptions().CpuThreads,
        };
        threads.AtLeastOne();
        var command = new Command("train", "Train a skip model and write a versioned bundle") { data, model, output, device, seed, epochs, version, balance, history, threads };
        command.SetAction(parsed => Run(parsed.GetValue(data)!.FullName, parsed.GetValue(model), parsed.GetValue(output)!.FullName,
            new TrainingOptions(Epochs: parsed.GetValue(epochs), Seed: parsed.GetValue(seed), Device: parsed.GetValue(device)!, Balance: parsed.GetValue(balance),
                ListenerHistory: parsed.GetValue(history), CpuThreads: parsed.GetValue(threads)), parsed.GetValue(version)));
        return command;
    }

    public static TrainedBundle Run(string data, FeatureSet set, string models, TrainingOptions options, string? version = null)
    {
        var label = $"train {set.ModelName()}";
        var trained = TrainingRun.Run(data, set, models, options, version, new ConsoleProgress(label), new ConsoleProgress(label));
        var m = trained.Metrics;
        Console.WriteLine($"{m.Model} {m.Version}: temporal accuracy {m.Accuracy:P2} (majority {m.MajorityAccuracy:P2}), AUC {m.Auc:0.000}, " +
            $"log loss {m.LogLoss:0.000}, Brier {m.Brier:0.000}, ECE {m.Ece:0.000}; random split accuracy {m.RandomSplit.Accuracy:P2}, " +
            $"AUC {m.RandomSplit.Auc:0.000}; chosen on {TimeOrderedFolds.Count} time-ordered folds: {m.Recipe.Balance}, {m.Recipe.Schedule}, " +
            $"{m.Recipe.Epochs} epochs, {(m.Calibrated ? "Platt" : "no calibration")}; {m.TrainingSeconds:0.0} s on {m.Device}");
        if (m.BaselineAndIntervals is { } b)
            Console.WriteLine($"{m.Model} {m.Version}: listener skip-rate baseline accuracy {b.ListenerBaselineAccuracy:P2}, AUC {b.ListenerBaselineAuc:0.000} " +
                $"[{b.ListenerBaselineAucInterval.Low:0.000}, {b.ListenerBaselineAucInterval.High:0.000}]; the model's accuracy [{b.AccuracyInterval.Low:P1}, " +
                $"{b.AccuracyInterval.High:P1}], AUC [{b.AucInterval.Low:0.000}, {b.AucInterval.High:0.000}] (95 %, bootstrap over listeners)");
        Console.WriteLine($"bundle: {trained.Directory}");
        return trained;
    }

    private static FeatureSet Invalid(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }
}
