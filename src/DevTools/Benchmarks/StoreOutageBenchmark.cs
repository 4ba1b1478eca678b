using System.Diagnostics;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// The whole process (stream worker and outcome sink) replaying at a set rate while the store refuses every write
/// for a window in the middle: what the stream processed in that window, how far the sink fell behind, how long it
/// took to catch up, and what the store holds at the end.
/// </summary>
public static class StoreOutageBenchmark
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(5);

    public sealed record Result(double EventsPerSecondInWindow, double PeakSinkLag, double CatchUpSeconds, int StoredPlays, int StoredWithOutcome, int Hints);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> settings, int partitions, Func<long> replay, TimeSpan windowStart,
        TimeSpan window, bool storeDown)
    {
        await using var app = ProcessorHost.Build(settings, StoreOutage.Install);
        await app.StartAsync();
        var metrics = app.Services.GetRequiredService<StreamMetrics>();
        var outage = app.Services.GetRequiredService<StoreOutage>();
        while (metrics.OwnedPartitions < partitions)
            await Task.Delay(50);

        var replaying = Task.Run(replay);
        await Task.Delay(windowStart);
        var (handledBefore, clock, peakLag) = (metrics.EventsHandled, Stopwatch.StartNew(), 0.0);
        outage.Down = storeDown;
        while (clock.Elapsed < window)
        {
            await Task.Delay(500);
            peakLag = Math.Max(peakLag, SinkLag(metrics));
        }
        var inWindow = (metrics.EventsHandled - handledBefore) / clock.Elapsed.TotalSeconds;
        outage.Down = false;

        var events = await replaying;
        var catchingUp = Stopwatch.StartNew();
        // Caught up: every event handled, and every hint's prediction and every outcome stored.
        while (metrics.EventsHandled < events || metrics.SinkStored.Value < metrics.HintsPublished() + metrics.Outcomes.Value || metrics.Outcomes.Value < metrics.HintsPublished())
        {
            if (catchingUp.Elapsed > CatchUpLimit)
                throw new TimeoutException($"not caught up {CatchUpLimit} after the replay: {metrics.EventsHandled} of {events} events, {metrics.Outcomes.Value} outcomes and {metrics.SinkStored.Value} records stored for {metrics.HintsPublished()} hints");
            await Task.Delay(100);
        }
        var catchUp = catchingUp.Elapsed.TotalSeconds;
        var stored = await app.Services.GetRequiredService<IPredictionStore>().ReadAsync(new PredictionQuery()).ToListAsync();
        await app.StopAsync();
        return new Result(inWindow, peakLag, catchUp, stored.Count, stored.Count(r => r.Outcome is not null), (int)metrics.HintsPublished());
    }

    private static double SinkLag(StreamMetrics metrics) =>
        metrics.SinkLag.GetAllLabelValues().Sum(labels => metrics.SinkLag.WithLabels(labels).Value);
}
