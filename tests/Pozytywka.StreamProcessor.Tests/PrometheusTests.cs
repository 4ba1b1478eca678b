using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pozytywka.Tests;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// /metrics as a real Prometheus sees it: promtool's lint passes, a Prometheus server scrapes the processor and
/// evaluates the event → hint p99 with histogram_quantile, and every query on the shipped Grafana dashboard
/// names metrics the processor exports and evaluates without error.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public partial class PrometheusTests(TrainedExport export)
{
    private const int Partitions = 4;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_prometheus_server_scrapes_the_processor_and_answers_the_dashboards_queries()
    {
        if (!IsInstalled("prometheus") || !IsInstalled("promtool"))
            Assert.Skip("prometheus and promtool are not installed; ./pozytywka setup installs them (Debian package prometheus)");
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New(), "prometheus");
        var target = processor.BaseAddress;

        var directory = TestDirectories.New();
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: pozytywka-skip\n    static_configs:\n      - targets: [\"{target.Host}:{target.Port}\"]\n",
            TestContext.Current.CancellationToken);
        var port = LoopbackPorts.Free();
        using var server = Start("prometheus", $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn");
        try
        {
            var prometheus = $"http://127.0.0.1:{port}";
            await RunningProcessor.WaitUntilAsync(async () => await ReadyAsync($"{prometheus}/-/ready"), "Prometheus was ready", TimeSpan.FromSeconds(60));
            // Scraped at least once before any event, so the rates below see the counters rise.
            await RunningProcessor.WaitUntilAsync(async () => (await QueryAsync(prometheus, "up{job=\"pozytywka-skip\"} == 1")).GetArrayLength() > 0,
                "Prometheus had scraped the processor", TimeSpan.FromSeconds(60));
            using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
                replayer.Replay(export.JsonLines(take: 1_500));
            await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.EventsHandled >= 1_500), "the processor handled the events");

            var exposition = await Http.GetStringAsync(new Uri(target, "/metrics"), TestContext.Current.CancellationToken);
            var (lintExit, lint) = await RunAsync("promtool", exposition, "check", "metrics");
            Assert.True(lintExit == 0 && lint.Trim().Length == 0, $"promtool check metrics: exit {lintExit}: {lint}");

            const string p99 = "histogram_quantile(0.99, sum by (le) (rate(pozytywka_event_to_hint_seconds_bucket[1m])))";
            double? seconds = null;
            await RunningProcessor.WaitUntilAsync(async () =>
            {
                var result = await QueryAsync(prometheus, p99);
                if (result.GetArrayLength() == 0)
                    return false;
                seconds = double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                return double.IsFinite(seconds.Value);
            }, "Prometheus could evaluate the event → hint p99", TimeSpan.FromSeconds(60));
            Assert.InRange(seconds!.Value, 1e-4, 30);

            var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "monitoring", "grafana", "dashboards", "pozytywka-skip.json"),
                TestContext.Current.CancellationToken));
            var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
                .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
            Assert.NotEmpty(expressions);
            // A labelled series appears once first set (the lag gauges at the first housekeeping tick, a second in).
            var metrics = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct().ToList();
            await RunningProcessor.WaitUntilAsync(async () =>
            {
                exposition = await Http.GetStringAsync(new Uri(target, "/metrics"), TestContext.Current.CancellationToken);
                return metrics.All(metric => exposition.Contains($"\n{metric}", StringComparison.Ordinal));
            }, $"/metrics exported every metric the dashboard queries ({string.Join(", ", metrics)})", TimeSpan.FromSeconds(30));
            foreach (var expression in expressions)
                await QueryAsync(prometheus, expression);
            Assert.NotEqual(0, (await QueryAsync(prometheus, "pozytywka_online_accuracy{model=\"advanced\"}")).GetArrayLength());
        }
        finally
        {
            await StopAsync(server);
        }
        Assert.True(LoopbackPorts.IsFree(port), $"Prometheus still holds port {port}");
    }

    [GeneratedRegex(@"pozytywka_[a-z_]+")]
    private static partial Regex MetricName();

    /// <summary>The query's result vector; fails on anything but a successful evaluation.</summary>
    private static async Task<JsonElement> QueryAsync(string prometheus, string query)
    {
        var body = await Http.GetStringAsync($"{prometheus}/api/v1/query?query={Uri.EscapeDataString(query)}", TestContext.Current.CancellationToken);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.True(answer.GetProperty("status").GetString() == "success", $"{query}: {body}");
        return answer.GetProperty("data").GetProperty("result");
    }

    private static async Task<bool> ReadyAsync(string url)
    {
        try
        {
            using var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private static Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>SIGTERM by process id, as a supervisor stops it; SIGKILL only if it will not go.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
