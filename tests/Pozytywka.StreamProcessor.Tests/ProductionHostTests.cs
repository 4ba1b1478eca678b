using System.Diagnostics;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>What a production image runs is the processor alone: no mock broker, demo or benchmark in it, and no broker made up.</summary>
[Collection(TrainedExportGroup.Name)]
public class ProductionHostTests(TrainedExport export)
{
    [Fact]
    public void The_processor_assembly_holds_no_development_hosting()
    {
        var assembly = typeof(ProcessorHost).Assembly;
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), reference => reference.Name == "Pozytywka.DevTools");
        var development = assembly.GetTypes().Where(t => t.Name is "MockKafkaCluster" or "NativeMockCluster" or "EmbeddedKafka" or "SessionReplayer"
            or "BenchCommand" or "StreamDemoCommand" or "DevBrokerCommand" || t.Namespace?.EndsWith(".Benchmarks", StringComparison.Ordinal) == true);
        Assert.Empty(development.Select(t => t.FullName));
    }

    [Fact]
    public async Task Serve_without_a_broker_refuses_to_start_and_says_what_to_set()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Pozytywka.StreamProcessor"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "serve", "--data", export.Directory, "--models", export.ModelsDirectory, "--store", TestDirectories.New(), "--urls", "http://127.0.0.1:0" })
            start.ArgumentList.Add(argument);
        start.Environment["Scoring__Device"] = "cpu";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Kafka:BootstrapServers is required", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", await stderr + await stdout, StringComparison.Ordinal);
    }
}
