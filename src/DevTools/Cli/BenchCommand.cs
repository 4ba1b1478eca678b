using System.Globalization;
using System.CommandLine;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Model;
using Pozytywka.DevTools.Benchmarks;
using Pozytywka.StreamProcessor.Configuration;
using Pozytywka.DevTools.Kafka;
using Pozytywka.DevTools.Processes;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.DevTools.Cli;

/// <summary>
/// <c>bench</c>: prints the processor's figures on this machine — end-to-end events/s next to a bare
/// passthrough on the same embedded broker in the same run, event → hint latency at a set rate, and scoring
/// cost per play. Nothing here asserts a time.
/// </summary>
public static class BenchCommand
{
    private const int Partitions = 24;
    private const int BatchSize = 500;
    private const double OutageRate = 2_000;
    private static readonly TimeSpan LatencyWarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LatencyFetchWaitMax = TimeSpan.FromMilliseconds(1);
    /// <summary>
    /// Full-speed figures are medians of five passes on fresh topics, after an unreported warm-up pass: during a
    /// run's first seconds tiered compilation is still recompiling the hot paths (the processor is a long-running
    /// service), and one pass of a few seconds on 2 shared cores varies by tens of percent (three passes left the
    /// ratio of two medians moving by ±0.1 between runs).
    /// </summary>
    private static readonly string[] FullSpeedPasses = ["warm-up", "1", "2", "3", "4", "5"];
    /// <summary>End to end is measured with each of these <c>Streaming:Threads</c>, pass by pass in the same run.</summary>
    private static readonly int[] StreamThreads = [1, 2];
    private static readonly string[] FullSpeedTopics = [.. FullSpeedPasses.SelectMany(pass => new[] { $"passthrough-in-{pass}", $"passthrough-hints-{pass}",
        $"passthrough-predictions-{pass}", $"passthrough-changelog-{pass}" }),
        .. FullSpeedPasses.SelectMany(pass => StreamThreads.Select(threads => EndToEndRun(pass, threads)))
            .SelectMany(run => new[] { $"sessions-{run}", $"cache-hints-{run}", $"skip-predictions-{run}", ChangelogOf(run) }),
        "sessions-idle", "cache-hints-idle", "skip-predictions-idle", ChangelogOf("http"), AcknowledgementProbeTopic];
    // Its own topic: the HTTP host's outcome sink reads skip-predictions-idle and would take the probe's records for bad predictions.
    private const string AcknowledgementProbeTopic = "acknowledgement-probe";

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export to replay (its catalog is used for scoring)", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "bundles; the latest advanced one scores (advanced-v1 too, when present, for the scoring costs)", Required = true };
        var rates = new Option<double[]>("--rate") { Description = "events/s for a latency run (repeatable)", DefaultValueFactory = _ => [5_000], AllowMultipleArgumentsPerToken = true };
        var pacedEvents = new Option<int>("--paced-events") { Description = "events replayed in the latency run", DefaultValueFactory = _ => 50_000 };
        var only = new Option<BenchPart[]>("--only")
        {
            Description = "run only these parts: stream, outage, scoring, http, memory (repeatable; default all but memory)", AllowMultipleArgumentsPerToken = true,
        };
        var memoryRate = new Option<double>("--memory-rate") { Description = "events/s replayed in the memory run", DefaultValueFactory = _ => 20_000 };
        var memorySettings = new Option<string[]>("--memory-setting")
        {
            Description = "KEY=VALUE for the memory run's serve process, such as Scoring:MaxListenersPerPartition=20 (repeatable)", AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("bench", "Benchmark the processor against an embedded broker") { data, models, rates, pacedEvents, only, memoryRate, memorySettings };
        command.SetAction(parsed => Run(parsed.GetValue(data)!, parsed.GetValue(models)!, parsed.GetValue(rates)!, parsed.GetValue(pacedEvents),
            parsed.GetValue(only) is { Length: > 0 } parts ? parts : Enum.GetValues<BenchPart>().Where(p => p != BenchPart.Memory).ToArray(), parsed.GetValue(memoryRate),
            parsed.GetValue(memorySettings) ?? []));
        return command;
    }

    /// <summary>What <c>bench</c> measures, in the order it runs them.</summary>
    public enum BenchPart
    {
        /// <summary>Passthrough, the processor at full speed, the sink alone, event → hint latency at set rates.</summary>
        Stream,

        /// <summary>A paced replay with and without the store down for a minute.</summary>
        Outage,

        /// <summary>Reconstruction and scoring cost per play.</summary>
        Scoring,

        /// <summary>The prediction API next to an empty endpoint.</summary>
        Http,

        /// <summary>The whole export through one serve process at a steady rate, its resident memory sampled (only when asked for).</summary>
        Memory,
    }

    /// <summary>The Advanced network without and with the listener-taste features: what those features cost to serve.</summary>
    private static readonly string[] ComparedModels = ["advanced-v1", "advanced"];

    private static async Task Run(DirectoryInfo data, DirectoryInfo models, double[] rates, int pacedEvents, IReadOnlyCollection<BenchPart> parts, double memoryRate,
        string[] memorySettings)
    {
        var export = new ExportDirectory(data.FullName);
        // Read whole only by the parts that replay it more than once; the memory run streams it.
        var events = new Lazy<List<JsonLine>>(() => export.ReadLines(ExportFile.Sessions).Select(l => new JsonLine(l.Number, l.Bytes.ToArray())).ToList());
        var work = Directory.CreateTempSubdirectory("pozytywka-bench-");
        using var cluster = new MockKafkaCluster();
        foreach (var topic in FullSpeedTopics.Concat(rates.SelectMany((_, i) => new[] { $"sessions-paced-{i}", $"cache-hints-paced-{i}", $"skip-predictions-paced-{i}", ChangelogOf($"paced-{i}") })))
            cluster.CreateTopic(topic, Partitions);
        cluster.CreateTopic(KafkaTopics.DeadLetter, 1);
        Console.WriteLine($"bench: {(parts.Any(p => p != BenchPart.Memory) ? $"{events.Value.Count:N0} events" : "events")} from {data.FullName}; " +
            $"embedded broker, {Partitions} partitions; {Environment.ProcessorCount} cores");

        if (parts.Contains(BenchPart.Stream))
            await BenchStream(cluster, data, models, work, events.Value, rates, pacedEvents);
        if (parts.Contains(BenchPart.Outage))
            await BenchStoreOutage(cluster, data, models, work, events.Value);
        var catalog = CatalogLoader.Load(export, new FaultLog());
        if (parts.Contains(BenchPart.Scoring))
            BenchScoring(catalog, models, events.Value);
        if (parts.Contains(BenchPart.Http))
            await BenchHttp(cluster, data, models, work, catalog.Tracks.Keys.Order(StringComparer.Ordinal).First());
        if (parts.Contains(BenchPart.Memory))
            await BenchMemory(cluster, data, models, work, export, memoryRate, memorySettings);
        work.Delete(recursive: true);
    }

    private static async Task BenchStream(MockKafkaCluster cluster, DirectoryInfo data, DirectoryInfo models, DirectoryInfo work, IReadOnlyList<JsonLine> lines,
        double[] rates, int pacedEvents)
    {
        var (passthroughs, fulls) = (new List<FullSpeedPass>(), StreamThreads.ToDictionary(threads => threads, _ => new List<FullSpeedPass>()));
        foreach (var pass in FullSpeedPasses)
        {
            passthroughs.Add(await PassthroughBenchmark.RunAsync(new KafkaOptions { BootstrapServers = cluster.BootstrapServers, FetchWaitMax = MockKafkaCluster.FetchWaitMax },
                $"passthrough-in-{pass}", [$"passthrough-hints-{pass}", $"passthrough-predictions-{pass}", $"passthrough-changelog-{pass}"], Partitions, Replay(cluster, $"passthrough-in-{pass}", lines),
                new StreamProcessor.Streaming.StreamingOptions()));
            foreach (var threads in StreamThreads)
            {
                var run = EndToEndRun(pass, threads);
                fulls[threads].Add(await ProcessorBenchmark.FullSpeedAsync(Settings(cluster, data, models, work, run, $"sessions-{run}", $"cache-hints-{run}", $"skip-predictions-{run}", ProcessorRole.Stream)
                    .Set<StreamProcessor.Streaming.StreamingOptions>(nameof(StreamProcessor.Streaming.StreamingOptions.Threads), threads).Build(),
                    Partitions, Replay(cluster, $"sessions-{run}", lines)));
            }
        }
        var measured = FullSpeedPasses.Length - 1;
        var passthrough = Summary.Of(passthroughs.Skip(1));
        Console.WriteLine($"bench: each pass ends when its consumer group has committed the end of every input partition (every event's effects and state acknowledged); " +
            $"medians of {measured} passes after a warm-up; CPU is this process's user + system time (the embedded broker and the replayer included, alike in both) per event");
        Console.WriteLine($"bench: passthrough (consume → produce to 3 topics, acks=all → commit): {passthrough.EventsPerSecond:N0} events/s ({passthrough.Each}), " +
            $"{passthrough.CpuMicrosecondsPerEvent:0.0} µs CPU/event");
        foreach (var threads in StreamThreads)
        {
            var endToEnd = Summary.Of(fulls[threads].Skip(1));
            Console.WriteLine($"bench: end to end, {threads} stream thread(s) (reconstruct, score, hints and predictions acknowledged, then the state changes, commit; --role stream, " +
                $"the sink deployed apart): {endToEnd.EventsPerSecond:N0} events/s ({endToEnd.Each}) = {endToEnd.EventsPerSecond / passthrough.EventsPerSecond:0.00} of passthrough, " +
                $"{endToEnd.CpuMicrosecondsPerEvent:0.0} µs CPU/event = {endToEnd.CpuMicrosecondsPerEvent / passthrough.CpuMicrosecondsPerEvent:0.0} × the passthrough's");
        }

        var last = EndToEndRun(FullSpeedPasses[^1], threads: 1);
        var sink = await SinkBenchmark.RunAsync(Settings(cluster, data, models, work, "sink", $"sessions-{last}", $"cache-hints-{last}", $"skip-predictions-{last}", ProcessorRole.Sink).Build(), Partitions);
        Console.WriteLine($"bench: outcome sink (--role sink): {sink.Records:N0} records of the run above into LiteDB in {sink.Seconds:0.0} s = {sink.RecordsPerSecond:N0} records/s");

        foreach (var (rate, i) in rates.Select((r, i) => (r, i)))
        {
            // The mock answers a fetch that finds nothing only after the full wait, where a real broker answers as soon
            // as data arrives; a short wait keeps that artefact from adding milliseconds to every hop.
            var settings = Settings(cluster, data, models, work, $"paced-{i}", $"sessions-paced-{i}", $"cache-hints-paced-{i}", $"skip-predictions-paced-{i}", ProcessorRole.Stream)
                .Set<KafkaOptions>(nameof(KafkaOptions.FetchWaitMax), LatencyFetchWaitMax).Build();
            var paced = await ProcessorBenchmark.PacedAsync(settings, Partitions, Replay(cluster, $"sessions-paced-{i}", lines.Take(pacedEvents), rate), LatencyWarmUp, LatencyFetchWaitMax);
            Console.WriteLine($"bench: {rate:N0} events/s offered ({paced.Events:N0} events, processed and committed at {paced.EventsPerSecond:N0}/s, --role stream, " +
                $"fetch.wait.max.ms {LatencyFetchWaitMax.TotalMilliseconds:0} for the processor and for a separate hint consumer): PLAY → hint received, " +
                $"over {paced.Plays:N0} PLAYs after a {LatencyWarmUp.TotalSeconds:0} s warm-up: p50 {paced.P50Milliseconds:0.0} ms, p99 {paced.P99Milliseconds:0.0} ms, " +
                $"max {paced.MaxMilliseconds:0.0} ms");
        }
    }

    /// <summary>Medians over passes, and each pass's events/s.</summary>
    private sealed record Summary(double EventsPerSecond, double CpuMicrosecondsPerEvent, string Each)
    {
        public static Summary Of(IEnumerable<FullSpeedPass> passes)
        {
            var list = passes.ToList();
            return new Summary(Median(list.Select(p => p.EventsPerSecond)), Median(list.Select(p => p.CpuMicrosecondsPerEvent)),
                string.Join(", ", list.Select(p => p.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture))));
        }
    }

    private static void BenchScoring(Listening.Catalog.Catalog catalog, DirectoryInfo models, IReadOnlyList<JsonLine> lines)
    {
        var (perEvent, perPlay) = ScoringBenchmark.TimelineMicroseconds(catalog, lines);
        Console.WriteLine($"bench: play reconstruction and listener state: {perEvent:0.0} µs/event; of it, the listener-taste features: " +
            $"{ScoringBenchmark.TasteMicrosecondsPerPlay(catalog):0.0} µs/play with a full history of {Listening.Features.ListeningTimeline.DefaultListenerHistory} plays " +
            $"(computed once per PLAY whatever the number of variants; {perPlay:0.0} µs/play for the whole timeline)");
        foreach (var model in ComparedModels.Where(m => Directory.Exists(Path.Combine(models.FullName, m))))
        {
            using var scorer = ModelBundle.Load(BundleLocator.Resolve(models.FullName, model), catalog);
            var (single, batched) = ScoringBenchmark.MicrosecondsPerPlay(scorer, catalog, lines, BatchSize);
            Console.WriteLine($"bench: scoring {model} (feature vector + MLP, CPU, {scorer.Spec.Width} features): {single:0.0} µs/play one at a time, " +
                $"{batched:0.0} µs/play in batches of {BatchSize}");
        }
    }

    /// <summary>POST /api/predict/{model} (features, model, prediction acknowledged on the predictions topic) next to /health/live on the same host.</summary>
    private static async Task BenchHttp(MockKafkaCluster cluster, DirectoryInfo data, DirectoryInfo models, DirectoryInfo work, string trackId)
    {
        // Topics of its own, empty: the HTTP host's consumer has nothing to do.
        await using var app = ProcessorHost.Build(Settings(cluster, data, models, work, "http", "sessions-idle", "cache-hints-idle", "skip-predictions-idle", ProcessorRole.Stream).Build());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        const int clients = 8;
        var duration = TimeSpan.FromSeconds(10);
        var empty = await HttpBenchmark.RunAsync(address, HttpMethod.Get, "/health/live", null, clients, duration);
        var predict = await HttpBenchmark.RunAsync(address, HttpMethod.Post, "/api/predict/advanced",
            $$"""{"track_id": "{{trackId}}", "user_id": 101, "favourite_genres": ["rock"], "position": 3, "skips_so_far": 1}""", clients, duration);
        Console.WriteLine($"bench: HTTP, {clients} clients × {duration.TotalSeconds:0} s: empty endpoint {empty.RequestsPerSecond:N0} req/s (p50 {empty.P50Milliseconds:0.00} ms, p99 {empty.P99Milliseconds:0.00} ms); " +
            $"POST /api/predict/advanced {predict.RequestsPerSecond:N0} req/s (p50 {predict.P50Milliseconds:0.00} ms, p99 {predict.P99Milliseconds:0.00} ms, {predict.Failures} failed) " +
            $"= {predict.RequestsPerSecond / empty.RequestsPerSecond:0.00} of the empty endpoint");
        var phases = app.Services.GetRequiredService<StreamProcessor.Diagnostics.StreamMetrics>().HttpPredictionSeconds;
        double MeanMilliseconds(string phase) => phases.WithLabels(phase).Sum / Math.Max(1, phases.WithLabels(phase).Count) * 1000;
        var (ackP50, ackP99) = await AcknowledgementLatency.MeasureAsync(cluster.BootstrapServers, AcknowledgementProbeTopic);
        Console.WriteLine($"bench: where a prediction's time goes at {clients} clients (pozytywka_http_prediction_seconds, mean): scoring (features, a forward pass shared " +
            $"by concurrent requests) {MeanMilliseconds("score"):0.00} ms, waiting for the broker to acknowledge its record {MeanMilliseconds("log"):0.00} ms; " +
            $"one record acknowledged alone: p50 {ackP50:0.00} ms, p99 {ackP99:0.00} ms; the rest is HTTP");
        var logAlone = await AcknowledgementLatency.ClosedLoopRecordsPerSecondAsync(cluster.BootstrapServers, AcknowledgementProbeTopic, clients, duration);
        await using var logging = await LoggingEndpoint.StartAsync(cluster.BootstrapServers, AcknowledgementProbeTopic);
        var logged = await HttpBenchmark.RunAsync(logging.BaseAddress, HttpMethod.Post, "/log", null, clients, duration);
        Console.WriteLine($"bench: the bounds of logging before answering, {clients} in flight: records alone (no HTTP) {logAlone:N0}/s = {logAlone / empty.RequestsPerSecond:0.00} " +
            $"of the empty endpoint; a bare endpoint that only logs a record and answers (no middleware, no model) {logged.RequestsPerSecond:N0} req/s " +
            $"(p50 {logged.P50Milliseconds:0.00} ms, p99 {logged.P99Milliseconds:0.00} ms) = {logged.RequestsPerSecond / empty.RequestsPerSecond:0.00} of the empty endpoint");
        await app.StopAsync();
    }

    /// <summary>The same paced replay twice through the whole process (stream and sink), once with the store down for a minute in the middle.</summary>
    private static async Task BenchStoreOutage(MockKafkaCluster cluster, DirectoryInfo data, DirectoryInfo models, DirectoryInfo work, IReadOnlyList<JsonLine> lines)
    {
        var (rate, windowStart, window) = (OutageRate, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
        var events = lines.Take((int)(rate * (windowStart + window + TimeSpan.FromSeconds(10)).TotalSeconds)).ToList();
        foreach (var storeDown in new[] { false, true })
        {
            var run = storeDown ? "outage" : "steady";
            foreach (var topic in new[] { $"sessions-{run}", $"cache-hints-{run}", $"skip-predictions-{run}", ChangelogOf(run) })
                cluster.CreateTopic(topic, Partitions);
            // The replay's last sessions must end for every outcome to be known.
            var settings = Settings(cluster, data, models, work, run, $"sessions-{run}", $"cache-hints-{run}", $"skip-predictions-{run}", ProcessorRole.All)
                .QuietClose(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)).Build();
            var result = await StoreOutageBenchmark.RunAsync(settings,
                Partitions, Replay(cluster, $"sessions-{run}", events, rate), windowStart, window, storeDown);
            Console.WriteLine($"bench: {rate:N0} events/s offered, store {(storeDown ? "down" : "up")} from {windowStart.TotalSeconds:0} s for {window.TotalSeconds:0} s: " +
                $"stream processed {result.EventsPerSecondInWindow:N0} events/s in that minute; sink lag peaked at {result.PeakSinkLag:N0} records, caught up {result.CatchUpSeconds:0.0} s after the replay; " +
                $"store holds {result.StoredPlays:N0} plays for {result.Hints:N0} hints, {result.StoredWithOutcome:N0} with their outcome");
        }
    }

    /// <summary>The export read as it is replayed (it may not fit in memory), through one serve process with the sink deployed apart.</summary>
    private static async Task BenchMemory(MockKafkaCluster cluster, DirectoryInfo data, DirectoryInfo models, DirectoryInfo work, ExportDirectory export, double rate,
        string[] extraSettings)
    {
        foreach (var topic in new[] { "sessions-memory", "cache-hints-memory", "skip-predictions-memory", ChangelogOf("memory") })
            cluster.CreateTopic(topic, Partitions);
        var built = Settings(cluster, data, models, work, "memory", "sessions-memory", "cache-hints-memory", "skip-predictions-memory", ProcessorRole.Stream)
            .Set("Serilog:MinimumLevel:Default", "Warning");
        foreach (var setting in extraSettings)
        {
            var split = setting.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
                throw new ArgumentException($"--memory-setting {setting}: expected KEY=VALUE");
            built.Set(setting[..split], setting[(split + 1)..]);
        }
        var settings = built.Build();
        var replayed = 0L;
        Console.WriteLine($"bench: memory of one serve process (--role stream{string.Concat(extraSettings.Select(s => ", " + s))}) replaying {data.FullName} at {rate:N0} events/s, sampled every 10 s:");
        var samples = await MemoryBenchmark.RunAsync(settings, () =>
        {
            using var replayer = new SessionReplayer(cluster.BootstrapServers, "sessions-memory");
            return replayer.Replay(export.ReadLines(ExportFile.Sessions).Select(l => new JsonLine(l.Number, l.Bytes.ToArray())), rate, value => Interlocked.Exchange(ref replayed, value));
        }, TimeSpan.FromSeconds(10), () => Interlocked.Read(ref replayed), sample => Console.WriteLine(
            $"bench: memory {sample.Elapsed.TotalSeconds,5:0} s: {sample.Replayed,11:N0} events replayed, {sample.Handled,11:N0} handled; RSS {sample.RssMegabytes,6:0} MB; " +
            $"state {sample.Listeners:N0} listeners, {sample.OpenSessions:N0} open sessions, {sample.EndedSessions:N0} ended sessions remembered"));
        var steady = samples.Where(s => s.Handled >= samples[^1].Handled * 0.1).ToList();
        Console.WriteLine($"bench: memory over {samples[^1].Handled:N0} events: RSS {steady.Min(s => s.RssMegabytes):0}–{steady.Max(s => s.RssMegabytes):0} MB after the first 10 % " +
            $"(first half peak {steady.Take(steady.Count / 2).DefaultIfEmpty(steady[0]).Max(s => s.RssMegabytes):0} MB, second half peak " +
            $"{steady.Skip(steady.Count / 2).Max(s => s.RssMegabytes):0} MB), {samples.Max(s => s.RssMegabytes):0} MB peak overall");
    }

    private static Func<long> Replay(MockKafkaCluster cluster, string topic, IEnumerable<JsonLine> events, double? eventsPerSecond = null) => () =>
    {
        using var replayer = new SessionReplayer(cluster.BootstrapServers, topic);
        return replayer.Replay(events, eventsPerSecond);
    };

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The state changelog of a run's processor group (<c>bench-RUN</c>, see <see cref="Settings"/>).</summary>
    private static string ChangelogOf(string run) => KafkaTopics.StateChangelogOf($"bench-{run}");

    private static string EndToEndRun(string pass, int threads) => threads == 1 ? pass : $"{pass}-{threads}-threads";

    private static ProcessorSettings Settings(MockKafkaCluster cluster, DirectoryInfo data, DirectoryInfo models, DirectoryInfo work,
        string run, string sessions, string hints, string predictions, ProcessorRole role = ProcessorRole.All) =>
        ProcessorSettings.OnBroker(cluster.BootstrapServers, data.FullName, models.FullName, Path.Combine(work.FullName, run))
            .Role(role).Group($"bench-{run}").Topics(sessions: sessions, hints: hints, predictions: predictions);
}
