using Pozytywka.Listening.Evaluation;
namespace Pozytywka.Trainer.Report;

/// <summary>The estimators behind the report: correlations, mutual information and rate intervals.</summary>
public static class Statistics
{
    private const int ContinuousBins = 10;

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var pairs = x.Zip(y).Where(p => !double.IsNaN(p.First) && !double.IsNaN(p.Second)).ToList();
        if (pairs.Count < 3)
            return double.NaN;
        double mx = pairs.Average(p => p.First), my = pairs.Average(p => p.Second);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (a, b) in pairs)
        {
            sxy += (a - mx) * (b - my);
            sxx += (a - mx) * (a - mx);
            syy += (b - my) * (b - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var keep = Enumerable.Range(0, x.Count).Where(i => !double.IsNaN(x[i]) && !double.IsNaN(y[i])).ToList();
        return Pearson(Ranking.Ranks(keep.Select(i => x[i]).ToList()), Ranking.Ranks(keep.Select(i => y[i]).ToList()));
    }

    /// <summary>
    /// Mutual information (nats) between a variable and the binary label, from a contingency table with the
    /// Miller–Madow bias correction: each plug-in entropy gains (non-empty cells − 1) / 2N. Continuous variables
    /// are cut at deciles; discrete ones keep their values. Missing values form their own bin.
    /// </summary>
    public static double MutualInformation(IReadOnlyList<double> values, IReadOnlyList<bool> label, bool discrete)
    {
        var bins = discrete ? values.Select(v => double.IsNaN(v) ? -1 : (int)Math.Round(v)).ToArray() : QuantileBins(values);
        var n = (double)values.Count;
        var joint = new Dictionary<(int, bool), int>();
        var marginal = new Dictionary<int, int>();
        for (var i = 0; i < values.Count; i++)
        {
            joint[(bins[i], label[i])] = joint.GetValueOrDefault((bins[i], label[i])) + 1;
            marginal[bins[i]] = marginal.GetValueOrDefault(bins[i]) + 1;
        }
        var labelCounts = new[] { label.Count(l => !l), label.Count(l => l) }.Where(c => c > 0).ToArray();
        var hY = Entropy(labelCounts, n);
        var hYGivenX = marginal.Sum(m =>
        {
            var cells = new[] { joint.GetValueOrDefault((m.Key, false)), joint.GetValueOrDefault((m.Key, true)) }.Where(c => c > 0).ToArray();
            return m.Value / n * Entropy(cells, m.Value);
        });
        return Math.Max(0, hY - hYGivenX);
    }

    /// <summary>The 95 % Wilson score interval of a rate.</summary>
    public static (double Low, double High) Wilson(int successes, int trials)
    {
        if (trials == 0)
            return (double.NaN, double.NaN);
        const double z = 1.959964;
        double p = (double)successes / trials, z2 = z * z;
        var centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        var half = z * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / (1 + z2 / trials);
        return (centre - half, centre + half);
    }

    private static double Entropy(int[] counts, double total) =>
        -counts.Sum(c => c / total * Math.Log(c / total)) + (counts.Length - 1) / (2 * total);

    private static int[] QuantileBins(IReadOnlyList<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
            return values.Select(_ => -1).ToArray();
        var edges = Enumerable.Range(1, ContinuousBins - 1).Select(q => sorted[q * sorted.Length / ContinuousBins]).Distinct().ToArray();
        return values.Select(v => double.IsNaN(v) ? -1 : Array.BinarySearch(edges, v) is var i && i >= 0 ? i + 1 : ~i).ToArray();
    }
}
