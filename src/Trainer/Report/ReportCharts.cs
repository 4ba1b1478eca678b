using ScottPlot;

namespace Pozytywka.Trainer.Report;

/// <summary>The report's charts, drawn with ScottPlot into PNGs.</summary>
public static class ReportCharts
{
    private const int Bins = 30;

    /// <summary>Completed and skipped plays' values overlaid, each as a share of its own class.</summary>
    public static void Overlay(string path, string title, IReadOnlyList<double> completed, IReadOnlyList<double> skipped, params double[] markers)
    {
        var all = completed.Concat(skipped).Where(v => !double.IsNaN(v)).ToArray();
        var plot = new Plot();
        if (all.Length > 0)
        {
            double min = all.Min(), max = all.Max();
            var width = max > min ? (max - min) / Bins : 1;
            AddShares(plot, completed, min, width, Colors.SteelBlue.WithAlpha(0.55), "completed");
            AddShares(plot, skipped, min, width, Colors.OrangeRed.WithAlpha(0.55), "skipped");
        }
        foreach (var marker in markers.Where(m => !double.IsNaN(m)))
            plot.Add.VerticalLine(marker, 1, Colors.Black, LinePattern.Dashed);
        plot.ShowLegend();
        plot.Title(title);
        plot.YLabel("share of plays");
        plot.SavePng(path, 640, 400);
    }

    public static void Histogram(string path, string title, IReadOnlyList<double> values, string xLabel, string yLabel = "plays")
    {
        var plot = new Plot();
        var finite = values.Where(v => !double.IsNaN(v)).ToArray();
        if (finite.Length > 0)
            plot.Add.Histogram(ScottPlot.Statistics.Histogram.WithBinCount(Bins, finite));
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.SavePng(path, 640, 400);
    }

    public static void Bars(string path, string title, IReadOnlyList<string> labels, IReadOnlyList<double> values, string yLabel)
    {
        var plot = new Plot();
        plot.Add.Bars(values.ToArray());
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.SavePng(path, 640, 400);
    }

    public static void Heatmap(string path, string title, IReadOnlyList<string> names, double[,] matrix)
    {
        var plot = new Plot();
        // The heatmap draws row 0 at the top; missing correlations (a constant column) show as 0.
        var cells = new double[names.Count, names.Count];
        for (var r = 0; r < names.Count; r++)
        {
            for (var c = 0; c < names.Count; c++)
                cells[r, c] = double.IsNaN(matrix[r, c]) ? 0 : matrix[r, c];
        }
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        plot.Add.ColorBar(heatmap);
        var positions = Enumerable.Range(0, names.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, names.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 200;
        plot.Axes.Left.SetTicks(positions, names.Reverse().ToArray());
        plot.Title(title);
        plot.SavePng(path, 1100, 1000);
    }

    public static void Rates(string path, string title, IReadOnlyList<RateRow> rows)
    {
        var plot = new Plot();
        var positions = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(positions, rows.Select(r => r.Rate).ToArray());
        var errors = plot.Add.ErrorBar(positions, rows.Select(r => r.Rate).ToArray(), rows.Select(r => (r.High - r.Low) / 2).ToArray());
        errors.Color = Colors.Black;
        plot.Axes.Bottom.SetTicks(positions, rows.Select(r => r.Group).ToArray());
        plot.Axes.SetLimitsY(0, 1);
        plot.Title(title);
        plot.YLabel("skip rate (95 % Wilson interval)");
        plot.SavePng(path, 640, 400);
    }

    private static void AddShares(Plot plot, IReadOnlyList<double> values, double min, double width, Color color, string label)
    {
        var finite = values.Where(v => !double.IsNaN(v)).ToArray();
        if (finite.Length == 0)
            return;
        var counts = new double[Bins];
        foreach (var v in finite)
            counts[Math.Clamp((int)((v - min) / width), 0, Bins - 1)]++;
        var positions = Enumerable.Range(0, Bins).Select(i => min + (i + 0.5) * width).ToArray();
        var bars = plot.Add.Bars(positions, counts.Select(c => c / finite.Length).ToArray());
        bars.LegendText = label;
        foreach (var bar in bars.Bars)
        {
            bar.FillColor = color;
            bar.LineWidth = 0;
            bar.Size = width;
        }
    }
}
