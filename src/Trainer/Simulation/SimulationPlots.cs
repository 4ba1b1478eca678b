using Pozytywka.Trainer.Evaluation;
using Pozytywka.Trainer.Simulation.EdgeCache;
using ScottPlot;

namespace Pozytywka.Trainer.Simulation;

/// <summary>simulate-cache's frontiers as PNGs: whole-track prefetch, buffer depth, edge cache.</summary>
public static class SimulationPlots
{
    /// <summary>The whole-track prefetch frontier: share of waste against share of useful bytes, with marked operating points.</summary>
    public static void WasteVsUseful(string path, IReadOnlyList<(string Label, IReadOnlyList<CurvePoint> Points)> curves,
        IReadOnlyList<(string Label, double Useful, double Waste)> marks, string title)
    {
        var plot = new Plot();
        foreach (var (label, curve) in curves)
            plot.Add.ScatterLine(curve.Select(p => p.UsefulShare).Prepend(0).ToArray(), curve.Select(p => p.WasteShare).Prepend(0).ToArray()).LegendText = label;
        foreach (var (label, useful, waste) in marks)
            plot.Add.Marker(useful, waste).LegendText = label;
        // The curve runs along the bottom right, where the legend would hide the points that matter.
        EvaluationPlots.SaveUnitSquare(plot, path, title, "prefetch in random order", "share of always-prefetch's useful bytes", "share of always-prefetch's wasted bytes", Alignment.UpperLeft);
    }

    /// <summary>The buffer-depth frontier: wasted bytes against stall seconds per hour, fixed buffers as a curve, the other policies as points.</summary>
    public static void WasteVsStall(string path, BufferDepthReport report, string title)
    {
        static double Gb(long bytes) => bytes / 1e9;
        var plot = new Plot();
        var fixedBuffers = report.FixedBuffers;
        var line = plot.Add.Scatter(fixedBuffers.Select(t => t.StallSecondsPerHour).ToArray(), fixedBuffers.Select(t => Gb(t.WastedBytes)).ToArray());
        line.LegendText = "fixed look-ahead buffers";
        foreach (var (totals, seconds) in fixedBuffers.Zip(BufferDepthSimulation.FixedBufferSeconds))
            plot.Add.Text($"{seconds:0} s", totals.StallSecondsPerHour, Gb(totals.WastedBytes));
        foreach (var family in report.EqualStall.GroupBy(c => c.Family))
        {
            var tuned = family.Select(c => c.Test).DistinctBy(t => t.Policy).OrderBy(t => t.StallSecondsPerHour).ToList();
            var series = plot.Add.Scatter(tuned.Select(t => t.StallSecondsPerHour).ToArray(), tuned.Select(t => Gb(t.WastedBytes)).ToArray());
            series.LineStyle.Pattern = LinePattern.Dotted;
            series.MarkerSize = 9;
            series.LegendText = $"{family.Key.Replace('_', ' ')}, tuned on training per stall level";
        }
        foreach (var totals in new[] { report.WholeTrack, report.HintPolicy, report.ConfiguredPlan })
            plot.Add.Marker(totals.StallSecondsPerHour, Gb(totals.WastedBytes), MarkerShape.FilledDiamond, 11).LegendText = totals.Policy;
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel("stall seconds per hour of listening");
        plot.YLabel("wasted GB (fetched, never heard)");
        plot.SavePng(path, 1000, 700);
    }

    /// <summary>Stall seconds per hour against origin GB for every eviction × read-ahead, one marker shape per capacity.</summary>
    public static void EdgeCacheStallVsOrigin(string path, IReadOnlyList<EdgeCacheRow> rows, string title)
    {
        var plot = new Plot();
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];
        foreach (var (readAhead, i) in rows.Select(r => r.ReadAhead).Distinct().Select((r, i) => (r, i)))
        {
            var own = rows.Where(r => r.ReadAhead == readAhead).ToList();
            var series = plot.Add.ScatterPoints(own.Select(r => r.OriginBytes / 1e9).ToArray(), own.Select(r => r.StallSecondsPerHour).ToArray());
            series.LegendText = readAhead.ToString();
            series.MarkerSize = 8;
            series.MarkerShape = shapes[i % shapes.Length];
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title + " (every eviction and capacity)");
        plot.XLabel("origin GB (edge misses)");
        plot.YLabel("stall seconds per hour of listening");
        plot.SavePng(path, 1000, 700);
    }
}
