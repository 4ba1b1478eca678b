using System.CommandLine;
using Pozytywka.Trainer.Synthetic;

namespace Pozytywka.Trainer.Cli;

/// <summary>The offline half of the demo: a generated (or given) export, analyzed and reconstructed into plays.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "use this export instead of generating one" };
        var workDirectory = new Option<DirectoryInfo>("--work") { Description = "where the demo writes", DefaultValueFactory = _ => new DirectoryInfo(".pozytywka/demo") };
        var command = new Command("demo", "Generate an export, analyze it and reconstruct its plays") { data, workDirectory };
        command.SetAction(parsed => Run(parsed.GetValue(data), parsed.GetValue(workDirectory)!));
        return command;
    }

    private static void Run(DirectoryInfo? data, DirectoryInfo work)
    {
        if (data is null)
        {
            data = new DirectoryInfo(Path.Combine(work.FullName, "export"));
            GenerateCommand.Run(new GeneratorOptions(data.FullName, Users: 50, Sessions: 600, Seed: 1, Faults: true));
        }
        var result = AnalyzeCommand.Run(data, new FileInfo(Path.Combine(work.FullName, "analysis", "analysis.json")));
        var report = result.Report;
        Console.WriteLine();
        Console.WriteLine($"demo: {report.Plays:N0} plays reconstructed, {report.SkippedPlays:N0} skipped ({report.SkipRate:P2}), " +
            $"{report.Faults.Sum(f => f.Count):N0} faults reported and tolerated");
    }
}
