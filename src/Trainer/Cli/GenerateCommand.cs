using System.CommandLine;
using System.Diagnostics;
using Pozytywka.Trainer.Synthetic;

namespace Pozytywka.Trainer.Cli;

public static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "directory to write the export into", Required = true };
        var users = new Option<int>("--users") { Description = "listeners", DefaultValueFactory = _ => 50 };
        var sessions = new Option<int>("--sessions") { Description = "sessions across all listeners", DefaultValueFactory = _ => 600 };
        var seed = new Option<int>("--seed") { Description = "same seed, same export", DefaultValueFactory = _ => 1 };
        var faults = new Option<bool>("--faults") { Description = "inject every fault kind the readers tolerate; writes faults.json" };
        users.AtLeastOne();
        sessions.AtLeastOne();
        var command = new Command("generate", "Write a synthetic export with planted effects") { output, users, sessions, seed, faults };
        command.SetAction(parsed => Run(new GeneratorOptions(parsed.GetValue(output)!.FullName, parsed.GetValue(users),
            parsed.GetValue(sessions), parsed.GetValue(seed), parsed.GetValue(faults))));
        return command;
    }

    public static void Run(GeneratorOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var events = ExportGenerator.Generate(options, new ConsoleProgress("generate"));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"generated {events:N0} events ({options.Users:N0} listeners, {options.Sessions:N0} sessions, {options.Tracks:N0} tracks) " +
            $"in {options.OutputDirectory} in {seconds:0.0} s ({events / seconds:N0} events/s)");
    }
}
