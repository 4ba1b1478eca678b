using ScottPlot;

namespace Pozytywka.Trainer.Analysis;

/// <summary>PNG histograms for reports, drawn with ScottPlot.</summary>
public static class Histograms
{
    public static void Save(string path, IReadOnlyCollection<double> values, string title, string xLabel, params double[] markers)
    {
        var plot = new Plot();
        if (values.Count > 0)
        {
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(Math.Clamp(values.Count / 20, 10, 60), values);
            plot.Add.Histogram(histogram);
        }
        foreach (var marker in markers.Where(m => !double.IsNaN(m)))
            plot.Add.VerticalLine(marker, 1, Colors.Red, LinePattern.Dashed);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("count");
        plot.SavePng(path, 900, 500);
    }
}
