using System.CommandLine;
using Pozytywka.Trainer.Report;

namespace Pozytywka.Trainer.Cli;

public static class ReportCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export directory", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "directory for index.html and its PNG charts", Required = true };
        var models = new Option<DirectoryInfo?>("--models") { Description = "also compare the bundles under this models directory" };
        var simulation = new Option<DirectoryInfo?>("--simulation") { Description = "also show a simulate-cache output (its --out directory)" };
        var command = new Command("report", "Write the insights page of an export (and its models) as HTML with PNG charts") { data, output, models, simulation };
        command.SetAction(parsed => Console.WriteLine($"report: {Run(parsed.GetValue(data)!.FullName, parsed.GetValue(output)!.FullName, parsed.GetValue(models)?.FullName,
            parsed.GetValue(simulation)?.FullName)}"));
        return command;
    }

    public static string Run(string data, string output, string? models, string? simulation = null)
    {
        var (report, charts) = InsightsReportBuilder.Build(data, output, models, simulation, new ConsoleProgress("report"));
        return InsightsPage.Write(report, charts, output);
    }
}
