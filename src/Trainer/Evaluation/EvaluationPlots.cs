using Pozytywka.Listening.Evaluation;
using Pozytywka.Trainer.Training;
using ScottPlot;

namespace Pozytywka.Trainer.Evaluation;

/// <summary>Training curves, reliability diagram and ROC curve as PNGs beside a bundle, and the unit square other plots share.</summary>
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

    /// <summary>Both axes from 0 to 1 with the dashed diagonal as the reference line.</summary>
    public static void SaveUnitSquare(Plot plot, string path, string title, string diagonalLabel, string xLabel, string yLabel,
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
