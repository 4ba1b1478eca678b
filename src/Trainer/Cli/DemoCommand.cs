using System.CommandLine;
using Pozytywka.Listening.Features;
using Pozytywka.Trainer.Simulation;
using Pozytywka.Trainer.Synthetic;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Cli;

/// <summary>The offline half of the demo: a generated (or given) export, analyzed, replayed into plays, and both models trained.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "use this export instead of generating one" };
        var workDirectory = new Option<DirectoryInfo>("--work") { Description = "where the demo writes", DefaultValueFactory = _ => new DirectoryInfo(".pozytywka/demo") };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("demo", "Generate an export, analyze it, reconstruct its plays, train both models and write the insights page") { data, workDirectory, device };
        command.SetAction(parsed => Run(parsed.GetValue(data), parsed.GetValue(workDirectory)!, parsed.GetValue(device)!));
        return command;
    }

    /// <summary>The edge cache at 5 % capacity under LRU: what one segment of read-ahead and the hints do to waiting, with a link that drops out.</summary>
    private static string EdgeCacheHeadline(CacheSimulationReport simulation)
    {
        var rows = simulation.EdgeCache.Where(r => r.Eviction == Simulation.EdgeCache.Eviction.Lru && r.CapacityShare == 0.05).ToList();
        Simulation.EdgeCache.EdgeCacheRow Row(string link, Simulation.EdgeCache.ReadAhead readAhead) => rows.Single(r => r.Link == link && r.ReadAhead == readAhead);
        var (onDemand, ahead, hinted) = (Row("steady", Simulation.EdgeCache.ReadAhead.OnDemand), Row("outages", Simulation.EdgeCache.ReadAhead.JustInTime1),
            Row("outages", Simulation.EdgeCache.ReadAhead.HintDriven));
        return $"demo: edge cache (LRU, 5 % capacity): start-up p95 {onDemand.StartupP95Ms:0} ms on demand, {Row("steady", Simulation.EdgeCache.ReadAhead.HintDriven).StartupP95Ms:0} ms " +
            $"with the hints; one segment " +
            $"ahead takes stalls from {onDemand.StallSecondsPerHour:0.0} to {Row("steady", Simulation.EdgeCache.ReadAhead.JustInTime1).StallSecondsPerHour:0.0} s/h on a steady link; " +
            $"with outages the hints stall {hinted.StallSecondsPerHour:0.0} s/h against {ahead.StallSecondsPerHour:0.0} one segment ahead, for " +
            $"{(hinted.WastedBytes - ahead.WastedBytes) / 1e9:0.000} GB more waste";
    }

    private static void Run(DirectoryInfo? data, DirectoryInfo work, string device)
    {
        if (data is null)
        {
            data = new DirectoryInfo(Path.Combine(work.FullName, "export"));
            GenerateCommand.Run(new GeneratorOptions(data.FullName, Users: 50, Sessions: 600, Seed: 1, Faults: true));
        }
        var report = AnalyzeCommand.Run(data, new FileInfo(Path.Combine(work.FullName, "analysis", "analysis.json"))).Report;

        var models = Path.Combine(work.FullName, "models");
        var options = new TrainingOptions(Device: device);
        var trained = new[] { FeatureSet.Simple, FeatureSet.Advanced }.Select(set => TrainCommand.Run(data.FullName, set, models, options)).ToList();

        Console.WriteLine();
        Console.WriteLine($"demo: {report.Plays:N0} plays reconstructed, {report.SkippedPlays:N0} skipped ({report.SkipRate:P2}), " +
            $"{report.Faults.Sum(f => f.Count):N0} faults reported and tolerated");
        foreach (var m in trained.Select(t => t.Metrics))
        {
            Console.WriteLine($"demo: {m.Model} — temporal test accuracy {m.Accuracy:P2} vs majority {m.MajorityAccuracy:P2}, AUC {m.Auc:0.000} " +
                $"(random split, for comparison only: {m.RandomSplit.Accuracy:P2})");
        }
        Console.WriteLine($"demo: bundles, metrics and plots in {models}");
        var simulation = CacheSimulation.Run(data.FullName, models, CacheSimulationSettings.Default, Path.Combine(work.FullName, "simulation"));
        Console.WriteLine($"demo: whole-track prefetch ranked by the advanced model's expected heard share cuts wasted bytes {simulation.WasteCutAt95PctUseful:P1} at 95 % " +
            $"of always-prefetch's useful bytes ({simulation.WasteCutAt90PctUseful:P1} at 90 %), temporal test period; the hints as configured " +
            $"(the bundle's point for {simulation.Deployed.KeepUsefulShare:P0}) prefetch {simulation.Hinted[0].UsefulShare:P1} of the heard bytes and cut {simulation.Hinted[0].WasteCut:P1} of the waste; {Path.Combine(work.FullName, "simulation")}");
        Console.WriteLine(simulation.BufferDepth.Headline is { } plan
            ? $"demo: buffer depth under outages, the skip-time plan tuned to stall like a {plan.ReferenceBufferSeconds:0} s buffer wastes " +
              $"{Math.Abs(plan.WasteReduction):P1} {(plan.WasteReduction >= 0 ? "less" : "more")} than fixed buffers at equal stall " +
              $"({plan.Test.StallSecondsPerHour:0.0} stall seconds per hour of listening)"
            : "demo: buffer depth under outages: no plan stalled as little as the reference fixed buffer on training");
        Console.WriteLine(EdgeCacheHeadline(simulation));
        Console.WriteLine($"demo: insights page {ReportCommand.Run(data.FullName, Path.Combine(work.FullName, "report"), models, Path.Combine(work.FullName, "simulation"))}");
    }
}
