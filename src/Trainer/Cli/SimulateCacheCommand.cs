using System.CommandLine;
using System.Globalization;
using Pozytywka.Trainer.Simulation;
using Pozytywka.Trainer.Simulation.EdgeCache;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Cli;

/// <summary><c>simulate-cache</c>: what the hints save and cost, whole-track prefetch and buffer depth, priced on the temporal test period.</summary>
public static class SimulateCacheCommand
{
    public static Command Create()
    {
        var defaults = CacheSimulationSettings.Default;
        var data = new Option<DirectoryInfo>("--data") { Description = "export to replay", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "bundles as the Trainer writes them", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "where simulation.json and the PNGs go", DefaultValueFactory = _ => new DirectoryInfo("simulation") };
        var model = new Option<string>("--model") { Description = "name (its latest version) or name@version", DefaultValueFactory = _ => defaults.Model };
        var kbps = OptionRules.Positive(new Option<double>("--kbps") { Description = "constant audio bitrate in kbit/s", DefaultValueFactory = _ => defaults.AudioKbps });
        var linkKbps = OptionRules.Positive(new Option<double>("--link-kbps") { Description = "the listener's link rate when up, kbit/s", DefaultValueFactory = _ => defaults.Network.LinkKbps });
        var outageEvery = OptionRules.Positive(new Option<double>("--outage-every") { Description = "mean seconds of good link between outages", DefaultValueFactory = _ => defaults.Network.MeanSecondsBetweenOutages });
        var outageSeconds = OptionRules.Positive(new Option<double>("--outage-seconds") { Description = "mean length of an outage in seconds", DefaultValueFactory = _ => defaults.Network.MeanOutageSeconds });
        var seed = new Option<int>("--network-seed") { Description = "seed of the outage traces", DefaultValueFactory = _ => defaults.Network.Seed };
        var startup = OptionRules.Positive(new Option<double>("--startup-seconds") { Description = "audio the player fetches before it starts playing", DefaultValueFactory = _ => defaults.StartupSeconds });
        var resume = OptionRules.Positive(new Option<double>("--resume-seconds") { Description = "audio the player needs buffered to resume after a stall", DefaultValueFactory = _ => defaults.ResumeSeconds });
        var edge = EdgeCacheSettings.Default;
        var segment = OptionRules.Positive(new Option<double>("--segment-seconds") { Description = "edge cache: seconds of audio per segment", DefaultValueFactory = _ => edge.SegmentSeconds });
        var edgeMs = OptionRules.Positive(new Option<double>("--edge-first-byte-ms") { Description = "edge cache: first byte of a segment the edge holds", DefaultValueFactory = _ => edge.EdgeFirstByteMs });
        var fastMs = OptionRules.Positive(new Option<double>("--fast-origin-ms") { Description = "edge cache: the origin's added first byte for FAST storage", DefaultValueFactory = _ => edge.FastOriginFirstByteMs });
        var mediumMs = OptionRules.Positive(new Option<double>("--medium-origin-ms") { Description = "edge cache: the same for MEDIUM storage (and tracks with no storage row)", DefaultValueFactory = _ => edge.MediumOriginFirstByteMs });
        var slowMs = OptionRules.Positive(new Option<double>("--slow-origin-ms") { Description = "edge cache: the same for SLOW storage", DefaultValueFactory = _ => edge.SlowOriginFirstByteMs });
        var settingsFile = new Option<FileInfo?>("--settings") { Description = "the processor's settings file as deployed; its CacheHints section, under CacheHints__* environment variables, is the configuration priced" };
        var edgeLink = OptionRules.Positive(new Option<double>("--edge-link-kbps") { Description = "edge cache: the player's link to the edge, kbit/s", DefaultValueFactory = _ => edge.LinkKbps });
        var command = new Command("simulate-cache", "Price the hints' prefetch decisions and plans on the temporal test period")
            { data, models, output, model, settingsFile, kbps, linkKbps, outageEvery, outageSeconds, seed, startup, resume, segment, edgeMs, fastMs, mediumMs, slowMs, edgeLink };
        command.SetAction(parsed =>
        {
            var settings = new CacheSimulationSettings(parsed.GetValue(model)!, parsed.GetValue(kbps),
                new NetworkModel(parsed.GetValue(linkKbps), parsed.GetValue(outageEvery), parsed.GetValue(outageSeconds), parsed.GetValue(seed)),
                parsed.GetValue(startup), parsed.GetValue(resume), new EdgeCacheSettings(parsed.GetValue(segment), parsed.GetValue(edgeMs),
                    parsed.GetValue(fastMs), parsed.GetValue(mediumMs), parsed.GetValue(slowMs), parsed.GetValue(edgeLink)),
                DeployedHintOptions.Read(parsed.GetValue(settingsFile)?.FullName));
            var directory = parsed.GetValue(output)!.FullName;
            var report = CacheSimulation.Run(parsed.GetValue(data)!.FullName, parsed.GetValue(models)!.FullName, settings, directory, new ConsoleProgress("simulate-cache"));
            PrintWholeTrack(report);
            Console.WriteLine();
            PrintBufferDepth(report.BufferDepth);
            Console.WriteLine();
            EdgeCachePrinter.Print(report.EdgeCache, report.EdgeCacheAssumptions, report.EdgeCacheSensitivity);
            Console.WriteLine($"simulation: {Path.Combine(directory, "simulation.json")}, {Path.Combine(directory, CacheSimulation.WasteVsUsefulPng)}, " +
                $"{Path.Combine(directory, CacheSimulation.WasteVsStallPng)}, {Path.Combine(directory, CacheSimulation.EdgeCacheStallVsOriginPng)} and " +
                $"{Path.Combine(directory, HintDecisionsFile.Name)}");
        });
        return command;
    }

    private static string Gb(long bytes) => (bytes / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " GB";

    private static void PrintWholeTrack(CacheSimulationReport r)
    {
        Console.WriteLine($"whole-track prefetch at PLAY, {r.Model}@{r.Version}, temporal test period ({r.TestPlays:N0} plays; thresholds tuned on {r.TrainingPlays:N0} out-of-fold plays of the training period)");
        Console.WriteLine($"{"policy",-44}{"useful",12}{"wasted",12}{"waste cost/day",16}{"useful kept",13}{"waste cut",11}");
        Console.WriteLine($"{"always prefetch",-44}{Gb(r.AlwaysPrefetch.UsefulBytes),12}{Gb(r.AlwaysPrefetch.WastedBytes),12}{r.AlwaysPrefetch.WastedCost,16:0.000}{"100.0 %",13}{"0.0 %",11}");
        foreach (var t in r.Tuned)
        {
            Console.WriteLine($"{$"expected heard >= {t.Threshold:0.000} (tuned for {t.UsefulShareTarget:P0})",-44}{Gb(t.Totals.UsefulBytes),12}{Gb(t.Totals.WastedBytes),12}" +
                $"{t.Totals.WastedCost,16:0.000}{t.UsefulShare,13:P1}{t.WasteCut,11:P1}");
        }
        var d = r.Deployed;
        Console.WriteLine($"the hints as configured: PREFETCH at expected heard share >= {d.Rule.WholeTrackAtOrAbove:0.000} " +
            (d.KeepUsefulShare is { } share ? $"(the bundle's point for {share:P0} of the heard bytes)" : "(CacheHints:WholeTrackAtOrAbove)") +
            $", EVICT at P(complete) < {d.Rule.EvictBelow:0.00}; share of the heard bytes prefetched / waste cut:");
        foreach (var h in r.Hinted)
            Console.WriteLine($"  {h.Plays} ({h.PlayCount:N0} plays, {h.Totals.PlaysPrefetched:N0} PREFETCH, {h.Evicted:N0} EVICT): {h.UsefulShare:P1} / {h.WasteCut:P1}");
        Console.WriteLine($"on the test period's own curve, plays ranked by expected heard share: waste cut {r.WasteCutAt95PctUseful:P1} at 95 % of the useful bytes, " +
            $"{r.WasteCutAt90PctUseful:P1} at 90 % (ranked by P(complete) alone: {r.Compared.WasteCutAt95PctUseful:P1} and {r.Compared.WasteCutAt90PctUseful:P1}; " +
            $"a perfect skip classifier that cannot tell when a skip comes, mean of {r.RandomOrderClassifier.Orderings} orderings: " +
            $"{r.RandomOrderClassifier.MeanAt95PctUseful:P1} [{r.RandomOrderClassifier.At95PctUseful.Low:P1}, {r.RandomOrderClassifier.At95PctUseful.High:P1}] and " +
            $"{r.RandomOrderClassifier.MeanAt90PctUseful:P1})");
        Console.WriteLine($"the bound, plays taken by the share really heard: {r.BoundWasteCutAt95PctUseful:P1} at 95 %, {r.BoundWasteCutAt90PctUseful:P1} at 90 %; " +
            $"the hints' ranking reaches {r.ModelShareOfBoundAt95PctUseful:P0} of the bound at 95 %");
        Console.WriteLine("where the tuned threshold (95 %) helps, by segment: useful kept / waste cut");
        foreach (var dimension in r.BySegment.GroupBy(s => s.Dimension))
            Console.WriteLine($"  {dimension.Key}: " + string.Join("; ", dimension.Select(s => $"{s.Segment} ({s.Plays:N0}) {s.UsefulShare:P0} / {s.WasteCut:P0}")));
    }

    private static void PrintBufferDepth(BufferDepthReport b)
    {
        var n = b.Network;
        Console.WriteLine($"buffer depth under outages: link {n.LinkKbps:0} kbit/s, an outage every {n.MeanSecondsBetweenOutages:0} s on average lasting " +
            $"{n.MeanOutageSeconds:0.#} s on average; audio {n.AudioKbps:0} kbit/s; the player starts with {n.StartupSeconds:0.#} s and resumes with " +
            $"{n.ResumeSeconds:0.#} s buffered (temporal test period)");
        Console.WriteLine($"{"policy",-72}{"fetched",12}{"wasted",12}{"waste cost/day",16}{"stall s/h",11}{"plays stalled",15}");
        void Row(BufferTotals t, string? name = null) =>
            Console.WriteLine($"{name ?? t.Policy,-72}{Gb(t.FetchedBytes),12}{Gb(t.WastedBytes),12}{t.WastedCost,16:0.000}{t.StallSecondsPerHour,11:0.0}{t.StalledPlayShare,15:P2}");
        foreach (var t in b.FixedBuffers.Append(b.WholeTrack).Append(b.HintPolicy).Append(b.ConfiguredPlan))
            Row(t);
        Console.WriteLine("plans tuned on training to stall no more than a fixed buffer, priced on test against fixed buffers at the stall they reach:");
        foreach (var c in b.EqualStall)
        {
            Row(c.Test, $"{c.Policy} [{c.ReferenceBufferSeconds:0} s]");
            Console.WriteLine($"{"",-4}waste {(c.WasteReduction >= 0 ? "reduction" : "increase")} at equal stall: {Math.Abs(c.WasteReduction):P1}");
        }
        if (b.Headline is { } headline)
        {
            Console.WriteLine($"where that plan helps, by segment: waste reduction against the segment's own fixed buffers at equal stall");
            foreach (var dimension in b.BySegment.GroupBy(s => s.Dimension))
                Console.WriteLine($"  {dimension.Key}: " + string.Join("; ", dimension.Select(s => $"{s.Segment} ({s.Plan.Plays:N0}) {s.WasteReduction:P0}")));
            Console.WriteLine($"model plan waste reduction at equal stall ({BufferDepthSimulation.HeadlineReferenceBuffer:0} s buffer's stall): {headline.WasteReduction:P1}");
        }
        else
            Console.WriteLine($"model plan waste reduction at equal stall: none of the plans stalled as little as the {BufferDepthSimulation.HeadlineReferenceBuffer:0} s buffer on training");
    }
}
