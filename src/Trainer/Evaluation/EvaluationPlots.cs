using Pozytywka.Listening.Evaluation;
using Pozytywka.Trainer.Training;
using ScottPlot;

namespace Pozytywka.Trainer.Evaluation;

/// <summary>Training curves, reliability diagram and ROC curve as PNGs beside a bundle.</summary>
public static class EvaluationPlots
{
    /// <summary>The final network's training loss, and the chosen candidate's losses averaged over the folds, with the epochs chosen from them.</summary>
    public static void LossCurves(string path, IReadOnlyList<EpochLoss> final, IReadOnlyList<EpochLoss> folds, int chosenEpochs, string title)
    {
        var plot = new Plot();
        plot.Add.Scatter(final.Select(c => (double)c.Epoch).ToArray(), final.Select(c => c.Train).ToArray()).LegendText = "training, whole period";
        var foldEpochs = folds.Select(c => (double)c.Epoch).ToArray();
        plot.Add.Scatter(foldEpochs, folds.Select(c => c.Train).ToArray()).LegendText = "training, mean over folds";
        plot.Add.Scatter(foldEpochs, folds.Select(c => c.Validation).ToArray()).LegendText = "validation, mean over folds";
        plot.Add.VerticalLine(chosenEpochs).LegendText = $"chosen: {chosenEpochs} epochs";
        plot.ShowLegend();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("weighted cross-entropy");
        plot.SavePng(path, 800, 500);
    }

    public static void Reliability(string path, IReadOnlyList<double> probabilities, IReadOnlyList<bool> skipped, string title)
    {
        var plot = new Plot();
        var bins = ClassificationMetrics.ReliabilityBins(probabilities, skipped);
        var observed = plot.Add.Scatter(bins.Select(b => b.MeanPredicted).ToArray(), bins.Select(b => b.ObservedRate).ToArray());
        observed.LegendText = "test plays (10 bins)";
        SaveUnitSquare(plot, path, title, "perfect calibration", "predicted skip probability", "observed skip rate");
    }

    public static void Roc(string path, IReadOnlyList<double> probabilities, IReadOnlyList<bool> skipped, double auc, string title)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ToArray();
        double positives = skipped.Count(s => s), negatives = skipped.Count - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double tp = 0, fp = 0;
        foreach (var i in order)
        {
            if (skipped[i]) tp++;
            else fp++;
            fpr.Add(fp / Math.Max(1, negatives));
            tpr.Add(tp / Math.Max(1, positives));
        }
        var plot = new Plot();
        plot.Add.ScatterLine(fpr.ToArray(), tpr.ToArray()).LegendText = $"AUC {auc:0.000}";
        SaveUnitSquare(plot, path, title, "chance", "false positive rate", "true positive rate");
    }

    /// <summary>The whole-track prefetch frontier: share of waste against share of useful bytes, with marked operating points.</summary>
    public static void WasteVsUseful(string path, IReadOnlyList<(string Label, IReadOnlyList<Simulation.CurvePoint> Points)> curves,
        IReadOnlyList<(string Label, double Useful, double Waste)> marks, string title)
    {
        var plot = new Plot();
        foreach (var (label, curve) in curves)
            plot.Add.ScatterLine(curve.Select(p => p.UsefulShare).Prepend(0).ToArray(), curve.Select(p => p.WasteShare).Prepend(0).ToArray()).LegendText = label;
        foreach (var (label, useful, waste) in marks)
            plot.Add.Marker(useful, waste).LegendText = label;
        // The curve runs along the bottom right, where the legend would hide the points that matter.
        SaveUnitSquare(plot, path, title, "prefetch in random order", "share of always-prefetch's useful bytes", "share of always-prefetch's wasted bytes", Alignment.UpperLeft);
    }

    /// <summary>The buffer-depth frontier: wasted bytes against stall seconds per hour, fixed buffers as a curve, the other policies as points.</summary>
    public static void WasteVsStall(string path, Simulation.BufferDepthReport report, string title)
    {
        static double Gb(long bytes) => bytes / 1e9;
        var plot = new Plot();
        var fixedBuffers = report.FixedBuffers;
        var line = plot.Add.Scatter(fixedBuffers.Select(t => t.StallSecondsPerHour).ToArray(), fixedBuffers.Select(t => Gb(t.WastedBytes)).ToArray());
        line.LegendText = "fixed look-ahead buffers";
        foreach (var (totals, seconds) in fixedBuffers.Zip(Simulation.BufferDepthSimulation.FixedBufferSeconds))
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
    public static void EdgeCacheStallVsOrigin(string path, IReadOnlyList<Simulation.EdgeCache.EdgeCacheRow> rows, string title)
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

    /// <summary>Both axes from 0 to 1 with the dashed diagonal as the reference line.</summary>
    private static void SaveUnitSquare(Plot plot, string path, string title, string diagonalLabel, string xLabel, string yLabel,
        Alignment legend = Alignment.LowerRight)
    {
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = diagonalLabel;
        plot.ShowLegend(legend);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.SavePng(path, 600, 600);
    }
}
