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

    [GeneratedRegex(@"^\| `\./pozytywka ([a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex ReadmeCommand();

    [GeneratedRegex(@"^  ([a-z-]+)(?: |$)", RegexOptions.Multiline)]
    private static partial Regex UsageCommand();
}
