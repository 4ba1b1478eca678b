using System.Diagnostics;
using System.Text.Json;
using Pozytywka.Tests;

namespace Pozytywka.Commands.Tests;

/// <summary>
/// The operator's workflow without Docker: <c>dev-broker</c>, <c>serve --bootstrap</c> against it, the export
/// replayed into <c>sessions</c> by <c>kafka/replay.sh</c> (kcat), and the hints read back with kcat, an
/// independent Kafka client. Both servers are then stopped by SIGTERM.
/// </summary>
[Collection(TrainedWorkspaceGroup.Name)]
public class DevBrokerWorkflowTests(TrainedWorkspace workspace)
{
    [Fact]
    public async Task Dev_broker_then_serve_then_kcat_gives_one_hint_per_play_and_both_stop_cleanly()
    {
        await using var broker = CommandProcess.Start(Workspace.NewDirectory(), ["dev-broker"]);
        var bootstrap = (await broker.WaitForOutputAsync(@"^bootstrap: (\S+)$", TimeSpan.FromMinutes(3))).Groups[1].Value;
        // The topics line follows the bootstrap line; output arrives line by line, so wait for it rather than assume it.
        await broker.WaitForOutputAsync(@"^topics: sessions, cache-hints, sessions-dead-letter, skip-predictions, skip-predictions-dead-letter, pozytywka-skip-listener-state-changelog \(24 partitions each\)", TimeSpan.FromSeconds(30));

        var port = LoopbackPorts.Free();
        await using var serve = CommandProcess.Start(Workspace.NewDirectory(),
            ["serve", "--data", workspace.Export, "--models", workspace.Models, "--bootstrap", bootstrap, "--urls", $"http://127.0.0.1:{port}"]);
        await Http.WaitUntilReadyAsync($"http://127.0.0.1:{port}", serve, TimeSpan.FromMinutes(3));

        var replay = await Run(Path.Combine(Workspace.RepositoryRoot, "kafka", "replay.sh"), bootstrap, Path.Combine(workspace.Export, "sessions.jsonl"));
        Assert.Contains("replayed", replay, StringComparison.Ordinal);

        var expected = workspace.ExpectedPlayIds();
        var hints = await HintsAsync(bootstrap, expected.Count, TimeSpan.FromMinutes(3));
        Assert.Equal(expected.Order(StringComparer.Ordinal), hints.Select(h => h.GetProperty("play_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(hints, hint => Assert.Contains(hint.GetProperty("decision").GetString(), new[] { "PREFETCH", "NO_PREFETCH", "EVICT" }));

        await Stopping.TerminateAsync(serve, port);
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("Stopped: the last batch is durable and committed", serve.Output, StringComparison.Ordinal);
        var brokerPort = int.Parse(bootstrap.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        await Stopping.TerminateAsync(broker, brokerPort);
        Assert.Equal(0, broker.ExitCode);
        Assert.Contains("dev-broker stopped", broker.Output, StringComparison.Ordinal);
    }

    /// <summary>Reads cache-hints from the beginning with kcat until the expected count is there or the time is up.</summary>
    private static async Task<List<JsonElement>> HintsAsync(string bootstrap, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var lines = (await Run("kcat", "-C", "-b", bootstrap, "-t", "cache-hints", "-o", "beginning", "-e", "-q"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length >= expected || DateTime.UtcNow > deadline)
                return lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string> Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}");
        return await output;
    }
}
