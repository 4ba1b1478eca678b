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
        using var serve = ServeProcesses.Start(export, TestDirectories.New(), new Dictionary<string, string>());

        Assert.Equal(1, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Kafka:BootstrapServers is required", serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", serve.Output, StringComparison.Ordinal);
    }
}
