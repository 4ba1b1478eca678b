using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Pozytywka.Commands.Tests;

/// <summary>
/// One <c>./pozytywka</c> command running as a real process in a working directory, its output captured line by line.
/// Stopping it is done the way a supervisor does: a signal to its process id, then a wait for it to exit.
/// </summary>
public sealed class CommandProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    private CommandProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public string CommandLine { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything written to stdout and stderr so far, interleaved as it arrived.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
                return _output.ToString();
        }
    }

    public static CommandProcess Start(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Workspace.EntryScript)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A newcomer's shell does not carry the test host's settings.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "URLS", "DOTNET_URLS", "ASPNETCORE_ENVIRONMENT" })
            start.Environment.Remove(inherited);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var command = new CommandProcess(process, "./pozytywka " + string.Join(' ', arguments));
        process.OutputDataReceived += (_, line) => command.Append(line.Data);
        process.ErrorDataReceived += (_, line) => command.Append(line.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Runs a command to its end and returns it; fails with its output when it outlives the timeout.</summary>
    public static async Task<CommandProcess> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var command = Start(workingDirectory, arguments);
        await command.WaitForExitAsync(timeout);
        return command;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{CommandLine} did not exit within {timeout}; its output:\n{Tail()}");
        }
        _process.WaitForExit(); // drains the redirected output
    }

    /// <summary>Waits until a line of output matches, failing with the output when it does not come in time or the process ends.</summary>
    public async Task<Match> WaitForOutputAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = regex.Match(Output);
            if (match.Success)
                return match;
            if (_process.HasExited)
                throw new InvalidOperationException($"{CommandLine} exited ({_process.ExitCode}) before printing /{pattern}/; its output:\n{Tail()}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{CommandLine} did not print /{pattern}/ within {timeout}; its output:\n{Tail()}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sends a signal by process id, as <c>kill</c> does.</summary>
    public void Signal(string signal = "TERM") => ProcessTree.Signal(_process.Id, signal);

    public string Tail(int lines = 40) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_lock)
            _output.AppendLine(line);
    }

    /// <summary>Never leaves a process behind, whatever the test did.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            foreach (var pid in ProcessTree.Descendants(_process.Id).Append(_process.Id))
                ProcessTree.Signal(pid, "KILL");
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }
}
