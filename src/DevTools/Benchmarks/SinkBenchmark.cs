using System.Diagnostics;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>The outcome sink alone (<c>--role sink</c>) copying a predictions topic that is already full into a fresh store.</summary>
public static class SinkBenchmark
{
    public sealed record Result(double Records, double Seconds)
    {
        public double RecordsPerSecond => Records / Seconds;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> settings, int partitions)
    {
        await using var app = ProcessorHost.Build(settings);
        var clock = Stopwatch.StartNew();
        await app.StartAsync();
        var metrics = app.Services.GetRequiredService<StreamMetrics>();
        // Done once every partition reports its lag and none is left.
        while (metrics.SinkLag.GetAllLabelValues().Count() < partitions || metrics.SinkStored.Value == 0
            || metrics.SinkLag.GetAllLabelValues().Any(labels => metrics.SinkLag.WithLabels(labels).Value > 0))
            await Task.Delay(50);
        var result = new Result(metrics.SinkStored.Value, clock.Elapsed.TotalSeconds);
        await app.StopAsync();
        return result;
    }
}
