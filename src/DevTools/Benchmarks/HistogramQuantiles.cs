using System.Globalization;
using Prometheus;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>One cumulative bucket of a Prometheus histogram: observations at or below <see cref="Upper"/>.</summary>
public readonly record struct HistogramBucket(double Upper, double Count);

/// <summary>Quantiles of a Prometheus histogram, interpolated within buckets as PromQL's histogram_quantile does.</summary>
public static class HistogramQuantiles
{
    public static async Task<double> ReadAsync(CollectorRegistry registry, string histogram, double quantile) =>
        Quantile(await ReadBucketsAsync(registry, histogram), quantile);

    /// <summary>The histogram's cumulative buckets as exported now.</summary>
    public static async Task<IReadOnlyList<HistogramBucket>> ReadBucketsAsync(CollectorRegistry registry, string histogram)
    {
        using var exported = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(exported);
        var prefix = $"{histogram}_bucket{{le=\"";
        return System.Text.Encoding.UTF8.GetString(exported.ToArray()).Split('\n')
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line =>
            {
                var bound = line[prefix.Length..line.IndexOf('"', prefix.Length)];
                var count = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                return new HistogramBucket(bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture), count);
            })
            .ToList();
    }

    public static double Quantile(IReadOnlyList<HistogramBucket> buckets, double quantile)
    {
        var total = buckets.Count > 0 ? buckets[^1].Count : 0;
        if (total == 0)
            return double.NaN;
        var rank = quantile * total;
        var (lower, below) = (0.0, 0.0);
        foreach (var (upper, count) in buckets)
        {
            if (count >= rank)
                return double.IsPositiveInfinity(upper) ? lower : lower + (upper - lower) * (rank - below) / Math.Max(1, count - below);
            (lower, below) = (upper, count);
        }
        return lower;
    }
}
