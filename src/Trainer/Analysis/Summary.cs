namespace Pozytywka.Trainer.Analysis;

/// <summary>Descriptive statistics of a sample; percentiles by linear interpolation between order statistics.</summary>
public sealed record Summary(long Count, double Mean, double Median, double Min, double Max, double Std, double P1, double P99)
{
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = values.Order().ToArray();
        var mean = sorted.Average();
        var variance = sorted.Length > 1 ? sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1) : 0;
        return new Summary(sorted.Length, mean, Percentile(sorted, 0.5), sorted[0], sorted[^1], Math.Sqrt(variance),
            Percentile(sorted, 0.01), Percentile(sorted, 0.99));
    }

    /// <summary>The <paramref name="q"/> quantile of values already in ascending order.</summary>
    public static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
