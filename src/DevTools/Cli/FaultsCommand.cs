using System.CommandLine;
using System.Globalization;
using Pozytywka.DevTools.Faults;
using Pozytywka.Listening.Exports;

namespace Pozytywka.DevTools.Cli;

/// <summary>
/// <c>faults</c>: every scenario against real <c>serve</c> processes and an embedded cluster of three brokers, one
/// table of what came out; exits 1 when any play was lost or came out twice with different content.
/// </summary>
public static class FaultsCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export to replay (its catalog is the processor's)", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "bundles the processor scores with", Required = true };
        var events = new Option<int>("--events") { Description = "replay the export's first N events", DefaultValueFactory = _ => 20_000 };
        var rate = new Option<double>("--rate") { Description = "events/s replayed", DefaultValueFactory = _ => 2_000 };
        var brokerOutage = new Option<double>("--broker-outage-seconds") { Description = "how long brokers stay down", DefaultValueFactory = _ => 30 };
        var only = new Option<string[]>("--scenario") { Description = "run only scenarios whose name contains this (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("faults", "Run every fault scenario against real processes and print what was lost, duplicated and how long recovery took")
            { data, models, events, rate, brokerOutage, only };
        command.SetAction(async parsed =>
        {
            var options = new FaultOptions(parsed.GetValue(data)!.FullName, parsed.GetValue(models)!.FullName, parsed.GetValue(events), parsed.GetValue(rate),
                TimeSpan.FromSeconds(parsed.GetValue(brokerOutage)));
            var filters = parsed.GetValue(only) ?? [];
            var scenarios = FaultScenarios.All.Where(s => filters.Length == 0 || filters.Any(f => s.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();
            return await RunAsync(options, scenarios);
        });
        return command;
    }

    private static async Task<int> RunAsync(FaultOptions options, IReadOnlyList<FaultScenario> scenarios)
    {
        var export = new ExportDirectory(options.Data);
        var knownTracks = Reference.ExportFacts.TrackIds(options.Data);
        var lines = export.ReadLines(ExportFile.Sessions).Take(options.Events).Select(l => l.Bytes.ToArray()).ToList();
        Console.WriteLine($"faults: {lines.Count:N0} events of {options.Data} at {options.Rate:N0} events/s; brokers down {options.BrokerOutage.TotalSeconds:0} s; " +
            $"3 brokers, {FaultStage.Partitions} partitions; each fault starts once a third of the input is in");
        var rows = new List<FaultRow>();
        foreach (var scenario in scenarios)
        {
            Console.Error.WriteLine($"faults: {scenario.Name}");
            rows.Add(await FaultRun.RunAsync(scenario, options, lines, knownTracks));
        }
        Print(rows);
        return rows.All(r => r.Lost == 0 && r.DuplicatedDifferently == 0) ? 0 : 1;
    }

    private static void Print(IReadOnlyList<FaultRow> rows)
    {
        string Cell(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"{"scenario",-46}{"events in",11}{"PLAYs",8}{"hinted",8}{"stored",8}{"dead-lettered",15}{"lost",8}{"dup ≠",8}{"dup =",8}{"recovery s",12}{"peak RSS MB",13}");
        foreach (var r in rows)
        {
            Console.WriteLine($"{r.Scenario,-46}{r.EventsIn,11:N0}{r.Plays,8:N0}{r.PlaysHinted,8:N0}{r.Stored,8:N0}{r.DeadLettered,15:N0}{r.Lost,8:N0}" +
                $"{r.DuplicatedDifferently,8:N0}{r.IdenticalCopies,8:N0}{Cell(r.RecoverySeconds, "0.0"),12}{Cell(r.PeakRssMegabytes, "0"),13}");
        }
        foreach (var r in rows.Where(r => r.Examples.Count > 0))
        {
            Console.WriteLine($"{r.Scenario}, the first {r.Examples.Count}:");
            foreach (var example in r.Examples)
                Console.WriteLine($"  {example}");
        }
    }
}
