using System.Diagnostics;
using Pozytywka.DevTools.Kafka;
using Pozytywka.Reference;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// The real processor host against a broker. Every pass ends where the user's work is done: the consumer group has
/// committed the end of every sessions partition, which the processor does only after each event's hints,
/// predictions and state changes were acknowledged.
/// </summary>
public static class ProcessorBenchmark
{
    public sealed record Latency(long Events, double EventsPerSecond, int Plays, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds);

    private static readonly TimeSpan CommitPoll = TimeSpan.FromMilliseconds(20);

    public static async Task<FullSpeedPass> FullSpeedAsync(IReadOnlyDictionary<string, string?> settings, int partitions, Func<long> replay)
    {
        await using var app = await StartAsync(settings, partitions);
        using var watch = WatchOf(settings, partitions);
        var (cpu, clock) = (ProcessCpu.Now(), Stopwatch.StartNew());
        var events = await ReplayAndHandleAsync(app, replay);
        await watch.UntilCommittedEverythingAsync(CommitPoll);
        var pass = new FullSpeedPass(events, clock.Elapsed.TotalSeconds, ProcessCpu.Now().MicrosecondsPerEventSince(cpu, events));
        await app.StopAsync();
        return pass;
    }

    /// <summary>
    /// PLAY → hint as the cache service sees it: from the PLAY record's producer timestamp in the sessions topic to the
    /// moment a consumer of the hints topic apart from the processor receives that play's hint. Plays are traced to
    /// their PLAY record by the reference reconstruction of what the sessions topic holds; PLAYs produced in the first
    /// <paramref name="warmUp"/> are left out (the consumers' first fetches are start-up, not steady state).
    /// </summary>
    public static async Task<Latency> PacedAsync(IReadOnlyDictionary<string, string?> settings, int partitions, Func<long> replay, TimeSpan warmUp,
        TimeSpan hintFetchWaitMax)
    {
        var (bootstrap, sessions) = (settings["Kafka:BootstrapServers"]!, settings["Kafka:SessionsTopic"]!);
        await using var app = await StartAsync(settings, partitions);
        using var watch = WatchOf(settings, partitions);
        using var receipts = new HintReceipts(bootstrap, settings["Kafka:CacheHintsTopic"]!, partitions, hintFetchWaitMax);
        var (started, clock) = (DateTime.UtcNow, Stopwatch.StartNew());
        var events = await ReplayAndHandleAsync(app, replay);
        await watch.UntilCommittedEverythingAsync(CommitPoll);
        var seconds = clock.Elapsed.TotalSeconds;
        await receipts.StopWhenCaughtUpAsync(TimeSpan.FromSeconds(30));
        await app.StopAsync();

        var records = TopicReader.ReadAll(bootstrap, sessions, partitions);
        var producedAt = records.ToDictionary(r => (r.Partition.Value, r.Offset.Value), r => r.Message.Timestamp.UtcDateTime);
        var plays = ReferenceReconstruction.Run(records.Select(r => new LoggedEvent(r.Partition.Value, r.Offset.Value, r.Message.Value))).Plays;
        var received = receipts.Received;
        var latencies = plays.Select(p => (Produced: producedAt[(p.Partition, p.Offset)], Received: received.TryGetValue(p.PlayId, out var at) ? at : (DateTime?)null))
            .Where(p => p.Received is not null && p.Produced >= started + warmUp)
            .Select(p => (p.Received!.Value - p.Produced).TotalMilliseconds).Order().ToList();
        return new Latency(events, events / seconds, latencies.Count, Quantile(latencies, 0.50), Quantile(latencies, 0.99), latencies.DefaultIfEmpty(double.NaN).Last());
    }

    private static async Task<WebApplication> StartAsync(IReadOnlyDictionary<string, string?> settings, int partitions)
    {
        var app = ProcessorHost.Build(settings);
        await app.StartAsync();
        var metrics = app.Services.GetRequiredService<StreamMetrics>();
        while (metrics.OwnedPartitions < partitions)
            await Task.Delay(50);
        return app;
    }

    /// <summary>Replays, and returns once the processor has handled every event (its commits are still to come).</summary>
    private static async Task<long> ReplayAndHandleAsync(WebApplication app, Func<long> replay)
    {
        var metrics = app.Services.GetRequiredService<StreamMetrics>();
        var events = await Task.Run(replay);
        while (metrics.EventsHandled < events)
            await Task.Delay(5);
        return events;
    }

    private static CommitWatch WatchOf(IReadOnlyDictionary<string, string?> settings, int partitions) =>
        new(settings["Kafka:BootstrapServers"]!, settings["Kafka:GroupId"]!, settings["Kafka:SessionsTopic"]!, partitions);

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
}
