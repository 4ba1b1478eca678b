namespace Pozytywka.Commands.Tests;

/// <summary><c>demo</c> as the README's first command: end to end in a fresh directory, and stopped by SIGTERM part way.</summary>
public class DemoCommandTests
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
        Assert.Matches(@"today's hint policy keeps [\d.]+ % of the useful bytes and cuts -?[\d.]+ % of the waste", demo.Output);
        Assert.Matches(@"demo: buffer depth under outages(, the skip-time plan tuned to stall like a \d+ s buffer wastes [\d.]+ % (less|more) than fixed buffers at equal stall|: no plan stalled)", demo.Output);
        Assert.True(File.Exists(Path.Combine(directory, ".pozytywka", "demo", "simulation", "simulation.json")));
        Assert.Matches(@"stream demo: variant A \(advanced@\S+\): [\d,]+ plays, online accuracy [\d.]+ %", demo.Output);
        Assert.Matches(@"stream demo: variant B \(simple@\S+\): [\d,]+ plays, online accuracy [\d.]+ %", demo.Output);
        Assert.Matches(@"on the temporal test window \([\d,]+ plays from .*\): online [\d.]+ % vs offline [\d.]+ %", demo.Output);
        Assert.True(File.Exists(Path.Combine(directory, ".pozytywka", "demo", "report", "index.html")));
        Assert.True(File.Exists(Path.Combine(directory, ".pozytywka", "demo", "export", "sessions.jsonl")));
    }

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
