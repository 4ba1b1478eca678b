using System.Text.RegularExpressions;

namespace Pozytywka.Commands.Tests;

/// <summary><c>demo</c> as the README's first command: end to end in a fresh directory, and stopped by SIGTERM part way.</summary>
public partial class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_end_to_end_and_compares_online_with_offline_accuracy()
    {
        var directory = Workspace.NewDirectory();
        await using var demo = CommandProcess.Start(directory, ["demo"]);
        await demo.WaitForExitAsync(TimeSpan.FromMinutes(20));

        Assert.True(demo.ExitCode == 0, demo.Tail(80));
        Assert.Matches(@"demo: [\d,]+ plays reconstructed", demo.Output);
        Assert.Matches(@"demo: advanced — temporal test accuracy [\d.]+ %", demo.Output);
        Assert.Matches(@"demo: whole-track prefetch ranked by the advanced model's expected heard share cuts wasted bytes -?[\d.]+ % at 95 %", demo.Output);
        Assert.Matches(@"the hints as configured \(the bundle's point for \d+ %\) prefetch [\d.]+ % of the heard bytes and cut -?[\d.]+ % of the waste", demo.Output);
        Assert.Matches(@"demo: edge cache \(LRU, 5 % capacity\): start-up p95 \d+ ms on demand, \d+ ms with the hints; one segment ahead takes stalls from [\d.]+ to [\d.]+ s/h on a steady link; with outages the hints stall [\d.]+ s/h against [\d.]+ one segment ahead, for -?[\d.]+ GB more waste", demo.Output);
        Assert.Matches(@"demo: buffer depth under outages(, the skip-time plan tuned to stall like a \d+ s buffer wastes [\d.]+ % (less|more) than fixed buffers at equal stall|: no plan stalled)", demo.Output);
        Assert.True(File.Exists(Path.Combine(directory, ".pozytywka", "demo", "simulation", "simulation.json")));
        Assert.Matches(@"stream demo: variant A \(advanced@\S+\): [\d,]+ plays, online accuracy [\d.]+ %", demo.Output);
        Assert.Matches(@"stream demo: variant B \(simple@\S+\): [\d,]+ plays, online accuracy [\d.]+ %", demo.Output);
        AssertOnlineAgreesWithOffline(demo.Output);
        Assert.True(File.Exists(Path.Combine(directory, ".pozytywka", "demo", "report", "index.html")));
        Assert.True(File.Exists(Path.Combine(directory, ".pozytywka", "demo", "export", "sessions.jsonl")));
    }

    /// <summary>
    /// Each variant's online accuracy on the temporal test window agrees with its model's offline test accuracy. They
    /// are not on the same plays: the window's online plays are those of the listeners the sticky split sent to the
    /// variant, about half of the offline test plays, drawn without replacement. If they were drawn play by play, the
    /// two accuracies would differ by a standard error of √(p(1−p)(1/n − 1/N)) (about one point on the demo export);
    /// they are drawn a listener at a time (25 of 50 listeners), which inflates that variance, taken here as twice.
    /// Four such standard errors bound an honest difference; a processor that scored plays differently from the
    /// Trainer (other features, another model version, outcomes paired with the wrong plays) is off by far more.
    /// </summary>
    private static void AssertOnlineAgreesWithOffline(string output)
    {
        var windows = TestWindow().Matches(output).ToList();
        Assert.True(windows.Count == 2, $"expected the test window line of both variants:\n{output}");
        foreach (var window in windows)
        {
            double Number(string group) => double.Parse(window.Groups[group].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var (online, offline, n, total) = (Number("online") / 100, Number("offline") / 100, Number("n"), Number("total"));
            Assert.InRange(n, 1, total);
            var tolerance = 4 * Math.Sqrt(2 * offline * (1 - offline) * (1 / n - 1 / total));
            Assert.True(Math.Abs(online - offline) <= tolerance,
                $"online {online:P2} on {n} plays vs offline {offline:P2} on {total}: differ by more than {tolerance:P2}\n{window.Value}");
        }
    }

    [GeneratedRegex(@"on the temporal test window \((?<n>[\d,]+) plays from [^)]*\): online (?<online>[\d.]+) % vs offline (?<offline>[\d.]+) % of (?<total>[\d,]+) plays")]
    private static partial Regex TestWindow();

    [Fact]
    public async Task A_sigterm_while_the_demo_trains_stops_it_there_and_leaves_no_process_behind()
    {
        await using var demo = CommandProcess.Start(Workspace.NewDirectory(), ["demo"]);
        await demo.WaitForOutputAsync("^train simple: training simple", TimeSpan.FromMinutes(5));

        await Stopping.TerminateAsync(demo);

        Assert.Equal(143, demo.ExitCode);
        Assert.DoesNotContain("stream demo:", demo.Output, StringComparison.Ordinal);
    }
}
