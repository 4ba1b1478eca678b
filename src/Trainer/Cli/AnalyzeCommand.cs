using System.CommandLine;
using Pozytywka.Listening.Exports;
using Pozytywka.Trainer.Analysis;

namespace Pozytywka.Trainer.Cli;

public static class AnalyzeCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export directory (.jsonl or .jsonl.gz files)", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "also write the report as JSON here, with PNG histograms beside it" };
        var command = new Command("analyze", "Data-quality report of an export") { data, json };
        command.SetAction(parsed => Run(parsed.GetValue(data)!, parsed.GetValue(json)));
        return command;
    }

    public static AnalysisResult Run(DirectoryInfo data, FileInfo? json)
    {
        var result = ExportAnalyzer.Analyze(new ExportDirectory(data.FullName), new ConsoleProgress("analyze"));
        AnalysisOutput.Print(result.Report, Console.Out);
        if (json is not null)
        {
            foreach (var written in AnalysisOutput.Write(result, json.FullName))
                Console.WriteLine($"wrote {written}");
        }
        return result;
    }
}
