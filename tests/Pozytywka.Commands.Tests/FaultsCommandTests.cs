using System.Text.RegularExpressions;

namespace Pozytywka.Commands.Tests;

/// <summary><c>faults</c> as CI runs it: every scenario on a small generated export with short outages, nothing lost or duplicated.</summary>
public partial class FaultsCommandTests
{
    [Fact]
    public async Task Every_fault_scenario_loses_nothing_and_duplicates_nothing_with_different_content()
    {
        var faults = await CommandProcess.RunAsync(Workspace.NewDirectory(), TimeSpan.FromMinutes(25),
            "faults", "--events", "4000", "--rate", "1000", "--broker-outage-seconds", "3");

        var rows = Row().Matches(faults.Output).ToList();
        Assert.True(rows.Count == 11, $"expected a row for each of the 11 scenarios:\n{faults.Output}");
        Assert.All(rows, row =>
        {
            var scenario = row.Groups["scenario"].Value.Trim();
            Assert.True(int.Parse(row.Groups["plays"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 0, scenario);
            Assert.True(row.Groups["lost"].Value == "0", $"{scenario}: {row.Groups["lost"].Value} lost\n{faults.Output}");
            Assert.True(row.Groups["dup"].Value == "0", $"{scenario}: {row.Groups["dup"].Value} duplicated with different content\n{faults.Output}");
            // A plain number: hints were made after the fault and the time to them is known. Only a joining instance may
            // start so slowly on a loaded machine that everything was hinted before it was up ("—"): nothing stopped.
            // A frozen instance is resumed two session timeouts after it froze, when a short replay is long over: its
            // partitions were recovered by the other instance, which the hint-gap measure does not see ("—").
            if (!scenario.StartsWith("a third instance joins", StringComparison.Ordinal) && !scenario.StartsWith("SIGSTOP", StringComparison.Ordinal))
                Assert.True(double.TryParse(row.Groups["recovery"].Value, System.Globalization.CultureInfo.InvariantCulture, out _), $"{scenario}: recovery {row.Groups["recovery"].Value}\n{faults.Output}");
        });
        Assert.True(faults.ExitCode == 0, faults.Output);
    }

    // scenario, events in, PLAYs, hinted, stored, dead-lettered, lost, duplicated with different content, identical copies, recovery, peak RSS
    [GeneratedRegex(@"^(?<scenario>.{46})\s*[\d,]+\s+(?<plays>[\d,]+)\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+(?<lost>[\d,]+)\s+(?<dup>[\d,]+)\s+[\d,]+\s+(?<recovery>[\d.]+|—)\s+\d+\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
