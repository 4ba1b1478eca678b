using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// One <c>serve</c> process (the processor's own executable, configured through the environment as an operator
/// would) fed a long replay at a steady rate, its resident memory and per-partition state sampled as it goes:
/// whether memory grows with the events or stays within a bound set by the live listeners.
/// </summary>
public static class MemoryBenchmark
{
    public sealed record Sample(TimeSpan Elapsed, long Replayed, double Handled, double RssMegabytes, double Listeners, double OpenSessions, double EndedSessions);

    public static async Task<IReadOnlyList<Sample>> RunAsync(IReadOnlyDictionary<string, string?> settings, Func<long> replay, TimeSpan sampleEvery,
        Func<long> replayedSoFar, Action<Sample> report)
    {
        var port = FreePort();
        using var process = Start(settings, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await WaitUntilReadyAsync(process, http);
            var replaying = Task.Run(replay);
            var clock = Stopwatch.StartNew();
            var samples = new List<Sample>();
            while (true)
            {
                await Task.Delay(sampleEvery);
                var metrics = await ScrapeAsync(http);
                var sample = new Sample(clock.Elapsed, replayedSoFar(), Sum(metrics, "pozytywka_events_total"), RssMegabytes(process),
                    Sum(metrics, "pozytywka_state_entries{kind=\"listeners\"}"), Sum(metrics, "pozytywka_state_entries{kind=\"open_sessions\"}"),
                    Sum(metrics, "pozytywka_state_entries{kind=\"ended_sessions\"}"));
                samples.Add(sample);
                report(sample);
                if (replaying.IsCompleted && sample.Handled >= await replaying)
                    return samples;
                if (process.HasExited)
                    throw new InvalidOperationException($"serve exited ({process.ExitCode}) during the replay");
            }
        }
        finally
        {
            Stop(process);
        }
    }

    private static Process Start(IReadOnlyDictionary<string, string?> settings, int port)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Pozytywka.StreamProcessor")) { UseShellExecute = false };
        foreach (var argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings.Where(s => s.Key != "urls"))
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("serve did not start");
    }

    private static async Task WaitUntilReadyAsync(Process process, HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"serve exited ({process.ExitCode}) before it was ready");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("serve was not ready within 2 minutes");
    }

    /// <summary>SIGTERM, as an orchestrator stops it; SIGKILL only if it has not stopped after 30 s.</summary>
    private static void Stop(Process process)
    {
        if (process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            process.Kill(entireProcessTree: true);
    }

    private static async Task<string[]> ScrapeAsync(HttpClient http) =>
        (await http.GetStringAsync("/metrics")).Split('\n');

    /// <summary>The sum of the samples whose name (with labels, if given) starts the line.</summary>
    private static double Sum(string[] exposition, string series) =>
        exposition.Where(line => line.StartsWith(series, StringComparison.Ordinal) && line.Length > series.Length && line[series.Length] is ' ' or '{')
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static double RssMegabytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
