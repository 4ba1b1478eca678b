using System.CommandLine;
using System.Globalization;
using Pozytywka.Trainer.Simulation;

namespace Pozytywka.Trainer.Cli;

/// <summary><c>simulate-cache</c>: what whole-track prefetch at PLAY saves and costs, priced on the temporal test period.</summary>
public static class SimulateCacheCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export to replay", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "bundles as the Trainer writes them", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "where simulation.json and the PNG go", DefaultValueFactory = _ => new DirectoryInfo("simulation") };
        var model = new Option<string>("--model") { Description = "name (its latest version) or name@version", DefaultValueFactory = _ => "advanced" };
        var kbps = new Option<double>("--kbps") { Description = "constant audio bitrate in kbit/s", DefaultValueFactory = _ => CacheSimulation.DefaultBytesPerSecond * 8 / 1000 };
        var command = new Command("simulate-cache", "Price whole-track prefetch decisions on the temporal test period") { data, models, output, model, kbps };
        command.SetAction(parsed =>
        {
            var report = CacheSimulation.Run(parsed.GetValue(data)!.FullName, parsed.GetValue(models)!.FullName, parsed.GetValue(model)!,
                parsed.GetValue(kbps) * 1000 / 8, parsed.GetValue(output)!.FullName);
            Print(report, parsed.GetValue(output)!.FullName);
        });
        return command;
    }

    private static void Print(CacheSimulationReport r, string output)
    {
        static string Gb(long bytes) => (bytes / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " GB";
        Console.WriteLine($"whole-track prefetch at PLAY, {r.Model}@{r.Version}, temporal test period ({r.TestPlays:N0} plays; thresholds tuned on {r.TrainingPlays:N0} training plays)");
        Console.WriteLine($"{"policy",-44}{"useful",12}{"wasted",12}{"waste cost/day",16}{"useful kept",13}{"waste cut",11}");
        Console.WriteLine($"{"always prefetch",-44}{Gb(r.AlwaysPrefetch.UsefulBytes),12}{Gb(r.AlwaysPrefetch.WastedBytes),12}{r.AlwaysPrefetch.WastedCost,16:0.000}{"100.0 %",13}{"0.0 %",11}");
        foreach (var t in r.Tuned)
        {
            Console.WriteLine($"{$"P(complete) >= {t.Threshold:0.000} (tuned for {t.UsefulShareTarget:P0})",-44}{Gb(t.Totals.UsefulBytes),12}{Gb(t.Totals.WastedBytes),12}" +
                $"{t.Totals.WastedCost,16:0.000}{t.UsefulShare,13:P1}{t.WasteCut,11:P1}");
        }
        var h = r.HintPolicy;
        Console.WriteLine($"{"today's hints: whole track where PREFETCH",-44}{Gb(h.Totals.UsefulBytes),12}{Gb(h.Totals.WastedBytes),12}" +
            $"{h.Totals.WastedCost,16:0.000}{h.UsefulShare,13:P1}{h.WasteCut,11:P1}");
        Console.WriteLine($"on the test period's own curve: waste cut {r.WasteCutAt95PctUseful:P1} at 95 % of the useful bytes, {r.WasteCutAt90PctUseful:P1} at 90 %");
        Console.WriteLine($"simulation: {Path.Combine(output, "simulation.json")} and {Path.Combine(output, "waste_vs_useful.png")}");
    }
}
