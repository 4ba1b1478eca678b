using System.Diagnostics;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Runs Debian's kcat, a Kafka client independent of Confluent.Kafka (its own librdkafka build).</summary>
public static class Kcat
{
    public static bool IsInstalled => Repository.OnPath("kcat");

    public static Task<string> RunAsync(string arguments) => Run("kcat", arguments);

    /// <summary>Runs a script that drives kcat, e.g. kafka/replay.sh.</summary>
    public static Task<string> RunScriptAsync(string script, string arguments) => Run("bash", $"{script} {arguments}");

    private static async Task<string> Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
