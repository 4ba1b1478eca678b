using System.Diagnostics;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.Benchmarks;

/// <summary>The real processor host against a broker: throughput at full speed, or event → hint latency at a set rate.</summary>
public static class ProcessorBenchmark
{
    public sealed record Result(long Events, double Seconds, double P50Milliseconds, double P99Milliseconds)
    {
        public double EventsPerSecond => Events / Seconds;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> settings, int partitions, Func<long> replay)
    {
        await using var app = ProcessorHost.Build(settings);
        await app.StartAsync();
        var metrics = app.Services.GetRequiredService<StreamMetrics>();
        while (metrics.AssignedPartitions.Value < partitions)
            await Task.Delay(50);

        var replaying = Task.Run(replay);
        var clock = Stopwatch.StartNew();
        while (!replaying.IsCompleted || metrics.EventsHandled < replaying.Result)
            await Task.Delay(20);
        var seconds = clock.Elapsed.TotalSeconds;
        var p50 = await HistogramQuantiles.ReadAsync(metrics.Registry, "pozytywka_event_to_hint_seconds", 0.50);
        var p99 = await HistogramQuantiles.ReadAsync(metrics.Registry, "pozytywka_event_to_hint_seconds", 0.99);
        await app.StopAsync();
        return new Result(replaying.Result, seconds, p50 * 1000, p99 * 1000);
    }
}
