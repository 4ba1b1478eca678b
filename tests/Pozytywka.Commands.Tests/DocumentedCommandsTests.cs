using System.Text.RegularExpressions;

namespace Pozytywka.Commands.Tests;

/// <summary>The README's command table and the entry script's usage text name the same commands, and each one is run by a test here.</summary>
public partial class DocumentedCommandsTests
{
    /// <summary>The commands this suite runs as documented, and where.</summary>
    private static readonly Dictionary<string, string> RunBy = new()
    {
        ["demo"] = nameof(DemoCommandTests),
        ["analyze"] = nameof(OfflineCommandsTests),
        ["generate"] = nameof(OfflineCommandsTests),
        ["train"] = nameof(OfflineCommandsTests),
        ["evaluate"] = nameof(OfflineCommandsTests),
        ["report"] = nameof(OfflineCommandsTests),
        ["simulate-cache"] = nameof(OfflineCommandsTests),
        ["setup"] = nameof(OfflineCommandsTests),
        ["serve"] = nameof(ServeCommandTests),
        ["dev-broker"] = nameof(DevBrokerWorkflowTests),
        ["faults"] = nameof(FaultsCommandTests),
    };

    /// <summary>Run by CI and by hand rather than from inside the suite, with the reason.</summary>
    private static readonly Dictionary<string, string> NotRunHere = new()
    {
        ["test"] = "it is this suite: .ci/run runs it",
        ["bench"] = "its figures take tens of minutes and are recorded in docs/benchmarks.md, not asserted",
    };

    [Fact]
    public async Task Every_command_in_the_readme_and_the_usage_text_is_run_by_a_test()
    {
        var readme = ReadmeCommand().Matches(await File.ReadAllTextAsync(Path.Combine(Workspace.RepositoryRoot, "README.md"), TestContext.Current.CancellationToken))
            .Select(m => m.Groups[1].Value).ToHashSet();
        var help = await CommandProcess.RunAsync(Workspace.NewDirectory(), TimeSpan.FromMinutes(5), "help");
        var usage = UsageCommand().Matches(help.Output).Select(m => m.Groups[1].Value).ToHashSet();

        // setup is in the usage text only: the README says every command does it.
        Assert.Equal(readme.Order(StringComparer.Ordinal), usage.Where(c => c != "setup").Order(StringComparer.Ordinal));
        Assert.All(usage.Union(readme), command =>
            Assert.True(RunBy.ContainsKey(command) || NotRunHere.ContainsKey(command), $"no test runs the documented command '{command}'"));
    }

    /// <summary>
    /// Asking for help does nothing else: it prints the command's usage and exits 0, and leaves the working directory as
    /// it was (the demo and faults would otherwise make their work directories, bench its exports, test its results).
    /// </summary>
    [Fact]
    public async Task Every_command_asked_for_help_prints_its_usage_exits_0_and_does_no_work()
    {
        var help = await CommandProcess.RunAsync(Workspace.NewDirectory(), TimeSpan.FromMinutes(5), "help");
        var commands = UsageCommand().Matches(help.Output).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("bench", commands);
        foreach (var command in commands)
        {
            foreach (var flag in new[] { "--help", "-h" })
            {
                var directory = Workspace.NewDirectory();
                var asked = await CommandProcess.RunAsync(directory, TimeSpan.FromMinutes(2), command, flag);
                Assert.True(asked.ExitCode == 0, $"{command} {flag} exited {asked.ExitCode}:\n{asked.Output}");
                Assert.StartsWith($"usage: ./pozytywka {command}", asked.Output.TrimStart(), StringComparison.Ordinal);
                Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
            }
        }
    }

    [GeneratedRegex(@"^\| `\./pozytywka ([a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex ReadmeCommand();

    [GeneratedRegex(@"^  ([a-z-]+)(?: |$)", RegexOptions.Multiline)]
    private static partial Regex UsageCommand();
}
