using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pozytywka.DevTools.Processes;

/// <summary>
/// One <c>serve</c> process: the processor's own executable, configured through the environment as an operator
/// would, listening on a free loopback port. Stopped by SIGTERM, killed by SIGKILL, its resident memory, metrics
/// and last lines of output readable while it runs. The fault report, the benchmarks and the process tests all run it.
/// A port found free can be taken by another process before serve binds it; a quiet process that exits for that is
/// started again on another port while it is awaited (<see cref="WaitUntilReadyAsync"/>).
/// </summary>
public sealed class ServeProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _quiet;
    private readonly Queue<string> _lastLines = new();
    private Process _process = null!;
    private HttpClient _http = null!;

    private ServeProcess(IReadOnlyDictionary<string, string?> settings, bool quiet) => (_settings, _quiet) = (settings, quiet);

    public bool HasExited => _process.HasExited;

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The last lines the process wrote (when started quiet): enough to hold a start-up error or a stack trace.</summary>
    public string Output
    {
        get
        {
            lock (_lastLines)
                return string.Join(Environment.NewLine, _lastLines);
        }
    }

    /// <param name="settings">Configuration keys (<c>Kafka:BootstrapServers</c> or <c>Kafka__BootstrapServers</c>), passed as environment variables.</param>
    public static ServeProcess Start(IReadOnlyDictionary<string, string?> settings, bool quiet = true)
    {
        var serve = new ServeProcess(settings, quiet);
        serve.Launch();
        return serve;
    }

    private void Launch()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Pozytywka.StreamProcessor"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = _quiet,
            RedirectStandardError = _quiet,
        };
        foreach (var argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in _settings.Where(s => s.Key != "urls"))
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("serve did not start");
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        if (_quiet)
        {
            // Drained so a chatty process never blocks on a full pipe; the last lines say why, if it fails.
            _process.OutputDataReceived += (_, line) => Keep(line.Data);
            _process.ErrorDataReceived += (_, line) => Keep(line.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }
    }

    /// <summary>Started again on another port, when the one it was given was taken before it could bind it.</summary>
    private bool RelaunchedAfterPortTaken()
    {
        _process.WaitForExit(); // the output is drained
        if (!_quiet || !Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            return false;
        _process.Dispose();
        _http.Dispose();
        lock (_lastLines)
            _lastLines.Clear();
        Launch();
        return true;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited && !RelaunchedAfterPortTaken())
                throw new InvalidOperationException($"serve exited ({_process.ExitCode}) before it was ready: {Output}");
            try
            {
                if ((await _http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"serve was not ready within {timeout}: {Output}");
    }

    /// <summary>Waits for the process to end by itself, killing it after <paramref name="timeout"/>; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        _process.WaitForExit(); // the output is drained
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as an orchestrator stops it; SIGKILL only if it has not stopped within <paramref name="grace"/> (30 s). Returns the exit code.</summary>
    public int Stop(TimeSpan? grace = null)
    {
        if (!_process.HasExited)
        {
            Signal("-TERM");
            if (!_process.WaitForExit(grace ?? TimeSpan.FromSeconds(30)))
                Kill();
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: a crash, with nothing flushed or committed.</summary>
    public void Kill()
    {
        if (_process.HasExited)
            return;
        Signal("-KILL");
        _process.WaitForExit();
    }

    /// <summary>SIGSTOP: the process freezes (a long GC pause, a stalled VM), its sockets stay open and its group session runs out.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>SIGCONT: the paused process carries on from where it stood, not knowing it was gone.</summary>
    public void Resume() => Signal("-CONT");

    /// <summary>Resident memory in MB; 0 once the process is gone.</summary>
    public double RssMegabytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The sum of the samples of a series on /metrics (<c>name</c> or <c>name{label="value"}</c>); 0 when the process does not answer.</summary>
    public async Task<double> MetricAsync(string series)
    {
        try
        {
            return (await _http.GetStringAsync("/metrics")).Split('\n')
                .Where(line => line.StartsWith(series, StringComparison.Ordinal) && line.Length > series.Length && line[series.Length] is ' ' or '{')
                .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
                _lastLines.Dequeue();
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
