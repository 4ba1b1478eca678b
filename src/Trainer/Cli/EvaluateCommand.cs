using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pozytywka.Trainer.Evaluation;

namespace Pozytywka.Trainer.Cli;

public static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export directory", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "models directory (NAME/VERSION bundles)", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "where to write the comparison (default MODELS/evaluation.json)" };
        var command = new Command("evaluate", "Compare every bundle and the majority baseline on the temporal test plays") { data, models, json };
        command.SetAction(parsed =>
        {
            var modelsDirectory = parsed.GetValue(models)!.FullName;
            var scores = BundleEvaluation.Run(parsed.GetValue(data)!.FullName, modelsDirectory);
            if (scores.Count == 0)
            {
                Console.Error.WriteLine($"no bundles under {modelsDirectory}");
                return 1;
            }
            Print(scores);
            var path = parsed.GetValue(json)?.FullName ?? Path.Combine(modelsDirectory, "evaluation.json");
            File.WriteAllText(path, JsonSerializer.Serialize(scores.ToList(), EvaluationJsonContext.Default.ListBundleScore));
            Console.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }

    private static void Print(IReadOnlyList<BundleScore> scores)
    {
        static string P(double v) => v.ToString("P2", CultureInfo.InvariantCulture);
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var first = scores[0].Metrics;
        Console.WriteLine($"temporal test plays: {first.Plays:N0}");
        static string I(Interval i, Func<double, string> format) => $"[{format(i.Low)}, {format(i.High)}]";
        var baseline = scores[0].BaselineAndIntervals;
        Console.WriteLine($"{"model",-32} {"accuracy",9} {"AUC",6} {"log loss",9} {"Brier",6} {"ECE",6}  95 % intervals, bootstrap over listeners");
        Console.WriteLine($"{"majority baseline",-32} {P(first.MajorityAccuracy),9} {"0.500",6} {"",9} {"",6} {"",6}");
        Console.WriteLine($"{"listener skip-rate baseline",-32} {P(baseline.ListenerBaselineAccuracy),9} {F(baseline.ListenerBaselineAuc),6} {"",9} {"",6} {"",6}  " +
            $"AUC {I(baseline.ListenerBaselineAucInterval, F)}");
        foreach (var s in scores)
            Console.WriteLine($"{s.Model + "@" + s.Version,-32} {P(s.Metrics.Accuracy),9} {F(s.Metrics.Auc),6} {F(s.Metrics.LogLoss),9} {F(s.Metrics.Brier),6} {F(s.Metrics.Ece),6}  " +
                $"accuracy {I(s.BaselineAndIntervals.AccuracyInterval, P)}, AUC {I(s.BaselineAndIntervals.AucInterval, F)}");
    }
}
