using System.Diagnostics;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>The real processor host against a broker: throughput at full speed, or event → hint latency at a set rate.</summary>
public static class ProcessorBenchmark
{
    private const string Latency = "pozytywka_event_to_hint_seconds";

    public sealed record Result(long Events, double Seconds, double P50Milliseconds, double P99Milliseconds)
    {
        public double EventsPerSecond => Events / Seconds;
    }

    /// <summary>
    /// Replays and waits until every event is handled. Latency quantiles count only events whose hints were
    /// acknowledged after <paramref name="warmUp"/> from the replay's start: the first ones wait for the load
    /// generator's own producer to connect and for the consumer's first fetch, which is start-up, not steady state.
    /// </summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> settings, int partitions, Func<long> replay, TimeSpan warmUp = default)
    {
        await using var app = ProcessorHost.Build(settings);
        await app.StartAsync();
        var metrics = app.Services.GetRequiredService<StreamMetrics>();
        while (metrics.AssignedPartitions.Value < partitions)
            await Task.Delay(50);

        var replaying = Task.Run(replay);
        var clock = Stopwatch.StartNew();
        await Task.Delay(warmUp);
        var afterWarmUp = await HistogramQuantiles.ReadBucketsAsync(metrics.Registry, Latency);
        while (!replaying.IsCompleted || metrics.EventsHandled < replaying.Result)
            await Task.Delay(20);
        var seconds = clock.Elapsed.TotalSeconds;
        var measured = HistogramQuantiles.Since(await HistogramQuantiles.ReadBucketsAsync(metrics.Registry, Latency), afterWarmUp);
        await app.StopAsync();
        return new Result(replaying.Result, seconds, HistogramQuantiles.Quantile(measured, 0.50) * 1000, HistogramQuantiles.Quantile(measured, 0.99) * 1000);
    }
}
