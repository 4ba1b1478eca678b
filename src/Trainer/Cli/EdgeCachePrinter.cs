using System.Globalization;
using Pozytywka.Trainer.Simulation.EdgeCache;

namespace Pozytywka.Trainer.Cli;

/// <summary>The edge-cache framing on stdout: its assumptions, every row, and the hint-driven policy against the best simple one and the oracle.</summary>
public static class EdgeCachePrinter
{
    private static readonly ReadAhead[] Simple = [ReadAhead.OnDemand, ReadAhead.JustInTime1, ReadAhead.JustInTime2, ReadAhead.WholeTrack];

    public static void Print(IReadOnlyList<EdgeCacheRow> rows, EdgeCacheAssumptions assumptions, IReadOnlyList<EdgeCacheSensitivity> sensitivity)
    {
        var s = assumptions.Settings;
        Console.WriteLine($"edge cache shared by every listener, warmed by the training period, temporal test period: {s.SegmentSeconds:0.#} s segments, " +
            $"first byte {s.EdgeFirstByteMs:0} ms at the edge, + {s.FastOriginFirstByteMs:0}/{s.MediumOriginFirstByteMs:0}/{s.SlowOriginFirstByteMs:0} ms " +
            $"from the origin (FAST/MEDIUM/SLOW), link {s.LinkKbps:0} kbit/s; capacity as a share of the test period's {Gb(assumptions.TestSegmentBytes)} " +
            $"of distinct segments; hint-driven: the hints as configured, whole track at expected heard share >= {assumptions.HintPoint.WholeTrackAtOrAbove:0.000}, " +
            $"not admitted (EVICT) at P(complete) < {assumptions.HintPoint.EvictBelow:0.00}; each row on a steady link and with outages " +
            $"(every {assumptions.Outages.MeanSecondsBetweenOutages:0} s on average, {assumptions.Outages.MeanOutageSeconds:0.#} s long on average)");
        Console.WriteLine($"{"link",-9}{"capacity",-10}{"eviction",-9}{"read-ahead",-16}{"start-up p50",14}{"p95",8}{"mean",8}{"stall s/h",11}{"hit (seg)",11}{"hit (B)",9}{"origin",12}{"wasted",12}");
        foreach (var r in rows)
        {
            Console.WriteLine($"{r.Link,-9}{r.CapacityShare,-10:P0}{Name(r.Eviction),-9}{Name(r.ReadAhead),-16}{r.StartupP50Ms,11:0} ms{r.StartupP95Ms,8:0}{r.StartupMeanMs,8:0}" +
                $"{r.StallSecondsPerHour,11:0.00}{r.SegmentHitRatio,11:P1}{r.ByteHitRatio,9:P1}{Gb(r.OriginBytes),12}{Gb(r.WastedBytes),12}");
        }
        Console.WriteLine("hint-driven against the best simple read-ahead (least stall, then fewest origin bytes) and the oracle, same eviction and capacity:");
        foreach (var hinted in rows.Where(r => r.ReadAhead == ReadAhead.HintDriven))
        {
            var same = rows.Where(r => r.Link == hinted.Link && r.Eviction == hinted.Eviction && r.CapacityShare == hinted.CapacityShare).ToList();
            var best = same.Where(r => Simple.Contains(r.ReadAhead)).OrderBy(r => Math.Round(r.StallSecondsPerHour, 2)).ThenBy(r => r.OriginBytes).First();
            var oracle = same.Single(r => r.ReadAhead == ReadAhead.Oracle);
            Console.WriteLine($"  {hinted.Link}, {hinted.CapacityShare:P0} {Name(hinted.Eviction)}: best simple {Name(best.ReadAhead)}; stall s/h {Delta(hinted.StallSecondsPerHour - best.StallSecondsPerHour)} " +
                $"against it, {Delta(hinted.StallSecondsPerHour - oracle.StallSecondsPerHour)} against the oracle; origin {DeltaGb(hinted.OriginBytes - best.OriginBytes)} " +
                $"against it, {DeltaGb(hinted.OriginBytes - oracle.OriginBytes)} against the oracle; wasted {DeltaGb(hinted.WastedBytes - best.WastedBytes)} against it");
        }
        PrintSensitivity(sensitivity);
    }

    private static void PrintSensitivity(IReadOnlyList<EdgeCacheSensitivity> sensitivity)
    {
        Console.WriteLine("sensitivity (steady link, LRU, 5 % capacity): start-up p95 ms / stall s/h / origin for on_demand, jit1, whole_track, hint_driven");
        foreach (var variant in sensitivity)
        {
            var shown = variant.Rows.Where(r => r.Link == EdgeCacheReplay.Steady && r.ReadAhead is ReadAhead.OnDemand or ReadAhead.JustInTime1 or ReadAhead.WholeTrack or ReadAhead.HintDriven);
            Console.WriteLine($"  {variant.Assumption} = {variant.Value:0.#}: " +
                string.Join("; ", shown.Select(r => $"{Name(r.ReadAhead)} {r.StartupP95Ms:0} / {r.StallSecondsPerHour:0.00} / {Gb(r.OriginBytes)}")));
        }
    }

    private static string Name<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()).Replace("just_in_time", "jit", StringComparison.Ordinal);

    private static string Gb(long bytes) => (bytes / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " GB";

    private static string Delta(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static string DeltaGb(long bytes) => (bytes / 1e9).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) + " GB";
}
