using System.CommandLine;
using System.Diagnostics;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Model;
using Pozytywka.DevTools.Benchmarks;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.StreamProcessor.Store;

using Pozytywka.DevTools.Processes;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.DevTools.Cli;

/// <summary>
/// <c>demo</c>: the live half of the demo. An embedded broker, the processor scoring with two variants
/// (advanced and simple, half the listeners each), the export replayed into <c>sessions</c> in file order, a
/// live line every second, and at the end online accuracy next to the Trainer's offline figures.
/// </summary>
public static class StreamDemoCommand
{
    private const int Partitions = 24;

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the export to replay (its catalog is used for scoring)", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "bundles with an advanced and a simple model", Required = true };
        var work = new Option<DirectoryInfo>("--work") { Description = "where the store goes", DefaultValueFactory = _ => new DirectoryInfo(".pozytywka/demo") };
        var rate = new Option<double?>("--rate") { Description = "replay at most this many events per second (default: as fast as possible)" };
        var command = new Command("demo", "Replay an export through an embedded Kafka into the processor and compare online with offline accuracy") { data, models, work, rate };
        command.SetAction((parsed, cancellationToken) =>
            Run(parsed.GetValue(data)!, parsed.GetValue(models)!, parsed.GetValue(work)!, parsed.GetValue(rate), cancellationToken));
        return command;
    }

    private static async Task<int> Run(DirectoryInfo data, DirectoryInfo models, DirectoryInfo work, double? rate, CancellationToken cancellationToken)
    {
        var store = Path.Combine(work.FullName, "store");
        if (Directory.Exists(store))
            Directory.Delete(store, recursive: true);
        using var cluster = new MockKafkaCluster();
        foreach (var topic in KafkaTopics.All)
            cluster.CreateTopic(topic, Partitions);
        Console.WriteLine($"stream demo: embedded Kafka (librdkafka mock cluster) at {cluster.BootstrapServers}");

        // Dead letters and the rest are counted in the live line; the JSON logs (errors only) would drown it. The replay's
        // producer has flushed before the last sessions go quiet: nothing is held back to wait for.
        await using var app = ProcessorHost.Build(ProcessorSettings.OnBroker(cluster.BootstrapServers, data.FullName, models.FullName, store)
            .Set<ScoringOptions>(nameof(ScoringOptions.Device), "auto")
            .Set<ScoringOptions>(nameof(ScoringOptions.ExperimentId), "demo")
            .Set<ScoringOptions>("Variants:0:Name", "A").Set<ScoringOptions>("Variants:0:Model", "advanced")
            .Set<ScoringOptions>("Variants:1:Name", "B").Set<ScoringOptions>("Variants:1:Model", "simple")
            .QuietClose(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1))
            .Build());
        await app.StartAsync(cancellationToken);
        var metrics = app.Services.GetRequiredService<StreamMetrics>();
        var evaluator = app.Services.GetRequiredService<OnlineEvaluator>();

        while (metrics.OwnedPartitions < Partitions)
            await Task.Delay(50, cancellationToken);
        var clock = Stopwatch.StartNew();
        var lines = new ExportDirectory(data.FullName).ReadLines(ExportFile.Sessions);
        var replay = Task.Run(() =>
        {
            using var replayer = new SessionReplayer(cluster.BootstrapServers, KafkaTopics.Sessions);
            return replayer.Replay(lines, rate, cancellationToken: cancellationToken);
        }, cancellationToken);

        // The live line reads the processor's counters; the store is read once, at the end, so the demo does not
        // compete with the sink for it.
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var (handled, hints, outcomes, stored) = (metrics.EventsHandled, metrics.HintsPublished(), metrics.Outcomes.Value, metrics.SinkStored.Value);
            Console.WriteLine($"stream demo: {clock.Elapsed.TotalSeconds,5:0}s  {handled,8:N0} events ({handled / clock.Elapsed.TotalSeconds,7:N0}/s)  " +
                $"hints {Hints(metrics)}  dead letters {metrics.Events.WithLabels(StreamMetrics.DeadLettered).Value:N0}  " +
                $"outcomes known {outcomes:N0}/{hints:N0}  stored {stored:N0}/{hints + outcomes:N0}");
            // Every prediction (one per hint) and every outcome reaches the store through the sink.
            if (replay.IsCompleted && handled >= await replay && outcomes >= hints && stored >= hints + outcomes)
                break;
        }
        var report = await evaluator.EvaluateAsync(new PredictionQuery(), cancellationToken);

        Console.WriteLine();
        Console.WriteLine($"stream demo: {await replay:N0} events replayed in file order and processed in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"event→hint latency p50 {await Quantile(metrics, 0.5)}, p99 {await Quantile(metrics, 0.99)}" +
            (rate is null ? " (replayed as fast as possible, so mostly backlog; --rate N paces it)" : $" at {rate:N0} events/s offered"));
        var experiment = app.Services.GetRequiredService<ScoringExperiment>();
        foreach (var variant in experiment.Variants)
            await Summarise(variant, models.FullName, report, evaluator, cancellationToken);
        Console.WriteLine($"stream demo: predictions and outcomes stored in {store}");
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task Summarise(ScoringVariant variant, string modelsDirectory, OnlineMetricsReport report, OnlineEvaluator evaluator, CancellationToken cancellationToken)
    {
        var (name, version) = (variant.Scorer.Manifest.Name, variant.Scorer.Manifest.Version);
        var online = report.Variants.Single(v => v.Variant == variant.Name);
        var offline = OfflineMetrics.Read(BundleLocator.Resolve(modelsDirectory, $"{name}@{version}"));
        Console.WriteLine($"stream demo: variant {variant.Name} ({name}@{version}): {online.PlaysScored:N0} plays, online accuracy {online.Accuracy:P2}, AUC {online.Auc:0.000}, " +
            $"predicted skip rate {online.PredictedSkipRate:P1} vs actual {online.ActualSkipRate:P1}");
        if (offline?.TestFrom is { } testFrom)
        {
            var window = (await evaluator.EvaluateAsync(new PredictionQuery(name, version, EventSince: testFrom), cancellationToken)).Variants.Single(v => v.Variant == variant.Name);
            Console.WriteLine($"stream demo:   on the temporal test window ({window.OutcomesKnown:N0} plays from {testFrom:yyyy-MM-dd HH:mm}): online {window.Accuracy:P2} vs offline {offline.Accuracy:P2} of {offline.Plays:N0} plays (AUC {window.Auc:0.000} vs {offline.Auc:0.000})");
        }
    }

    private static async Task<string> Quantile(StreamMetrics metrics, double quantile) =>
        $"{await HistogramQuantiles.ReadAsync(metrics.Registry, "pozytywka_event_to_hint_seconds", quantile) * 1000:0} ms";

    private static string Hints(StreamMetrics metrics) => string.Join(" ",
        Enum.GetValues<Contracts.CacheDecision>().Select(d => $"{d}={metrics.HintsPublished(d.ToString()):N0}"));
}
