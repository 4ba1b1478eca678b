using System.Diagnostics;
using System.Text;
using Pozytywka.Tests;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// <c>serve</c> as a real operating-system process (the processor's own executable, built next to the tests),
/// against a test Kafka, configured through the environment as an operator would. Stopped by signal.
/// </summary>
public sealed class ProcessorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProcessorProcess(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static ProcessorProcess Start(TrainedExport export, string storeDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Pozytywka.StreamProcessor"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "serve", "--data", export.Directory, "--models", export.ModelsDirectory, "--store", storeDirectory, "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.Environment["Scoring__Device"] = "cpu";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = new Process { StartInfo = start };
        var started = new ProcessorProcess(process, port);
        process.OutputDataReceived += (_, line) => started.Append(line.Data);
        process.ErrorDataReceived += (_, line) => started.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until /health/ready answers 200, failing with the process's output if it exits or the time runs out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"serve exited ({_process.ExitCode}) before it was ready:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"serve was not ready within {timeout}:\n{Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The sum of a metric's samples (every label set) on the process's /metrics; 0 while none is exported.</summary>
    public async Task<double> MetricAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits for the process to end by itself (killing it after <paramref name="timeout"/>); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!_process.HasExited)
                Kill();
        }
        _process.WaitForExit(); // the output streams are drained
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed or committed.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then the wait for a clean exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(deadline.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
