using System.Diagnostics;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Runs Debian's kcat, a Kafka client independent of Confluent.Kafka (its own librdkafka build).</summary>
public static class Kcat
{
    public static bool IsInstalled => Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(d => File.Exists(Path.Combine(d, "kcat"))) == true;

    public static async Task<string> RunAsync(string arguments, string? input = null)
    {
        var start = new ProcessStartInfo("kcat", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"kcat {arguments} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
