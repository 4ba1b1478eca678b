using Pozytywka.StreamProcessor.Experiments;

namespace Pozytywka.StreamProcessor.Tests;

public class ExperimentStatisticsTests
{
    [Theory]
    [InlineData(3.841459, 2, 0.05)]
    [InlineData(6.634897, 2, 0.01)]
    [InlineData(5.991465, 3, 0.05)]
    [InlineData(16.26624, 4, 0.001)]
    public void Chi_square_p_values_match_the_tables(double chiSquare, int variants, double expected)
    {
        // The tables give the critical values to 7 significant digits, so p must agree to a relative 1e-5.
        var p = ExperimentStatistics.UpperRegularizedGamma((variants - 1) / 2.0, chiSquare / 2);
        Assert.True(Math.Abs(p - expected) / expected < 1e-5, $"p = {p:R}, table {expected}");
    }

    /// <summary>
    /// The expected p is computed apart from the code under test: for an even number of degrees of freedom ν = 2m the
    /// χ² survival function has the closed form Q = e^(−x/2) Σ_{j&lt;m} (x/2)^j / j! (Abramowitz and Stegun 26.4.21), where
    /// the code under test uses a series and a continued fraction for any ν.
    /// </summary>
    [Theory]
    [InlineData(5.991465, 3)]
    [InlineData(9.487729, 5)]
    [InlineData(18.46683, 5)]
    public void The_sample_ratio_test_computes_the_chi_square_of_the_counts_and_its_p(double chiSquare, int variants)
    {
        var counts = CountsFor(chiSquare, variants);
        var expectedEach = counts.Sum() / (double)variants;
        var byHand = counts.Sum(c => (c - expectedEach) * (c - expectedEach) / expectedEach);

        var (statistic, degrees, p) = ExperimentStatistics.SampleRatio(counts, Enumerable.Repeat(1.0, variants).ToList());

        Assert.Equal(variants - 1, degrees);
        Assert.Equal(byHand, statistic, 9);
        var closedForm = Math.Exp(-statistic / 2) * Enumerable.Range(0, degrees / 2).Sum(j => Math.Pow(statistic / 2, j) / Factorial(j));
        Assert.True(Math.Abs(p - closedForm) / closedForm < 1e-12, $"p = {p:R}, closed form {closedForm:R}");
    }

    private static double Factorial(int n) => Enumerable.Range(1, n).Aggregate(1.0, (product, k) => product * k);

    [Fact]
    public void Two_proportions_give_the_pooled_z_and_its_two_sided_p()
    {
        // 59.80 % vs 58.42 % of 10,000 each: pooled 0.5911, z = 0.0138 / sqrt(0.5911 · 0.4089 · 2/10,000), p = erfc(z/√2),
        // both computed in double precision outside this code base.
        var (z, p) = ExperimentStatistics.TwoProportions(5_980, 10_000, 5_842, 10_000);
        Assert.True(Math.Abs(z - 1.98483794353689) < 1e-9, $"z = {z:R}");
        Assert.True(Math.Abs(p - 0.047162504469226) / 0.047162504469226 < 1e-6, $"p = {p:R}");
        var atCritical = ExperimentStatistics.UpperRegularizedGamma(0.5, 1.959964 * 1.959964 / 2);
        Assert.True(Math.Abs(atCritical - 0.04999999819288) < 1e-9, $"p at z = 1.959964 is {atCritical:R}");
    }

    [Fact]
    public void Sticky_assignment_is_stable_and_splits_ten_thousand_listeners_by_the_weights()
    {
        double[] weights = [0.3, 0.7];
        var first = Enumerable.Range(0, 10_000).Select(u => StickyAssignment.Choose("exp", u.ToString(System.Globalization.CultureInfo.InvariantCulture), weights)).ToList();
        var again = Enumerable.Range(0, 10_000).Select(u => StickyAssignment.Choose("exp", u.ToString(System.Globalization.CultureInfo.InvariantCulture), weights)).ToList();
        Assert.Equal(first, again);
        var share = first.Count(v => v == 0) / 10_000.0;
        Assert.InRange(share, 0.3 - 4 * Math.Sqrt(0.3 * 0.7 / 10_000), 0.3 + 4 * Math.Sqrt(0.3 * 0.7 / 10_000));
        var (_, _, p) = ExperimentStatistics.SampleRatio([first.Count(v => v == 0), first.Count(v => v == 1)], weights);
        Assert.True(p > ExperimentReporter.SampleRatioAlarm, $"an honest split must not alarm (p = {p})");
        var other = Enumerable.Range(0, 10_000).Count(u => StickyAssignment.Choose("another", u.ToString(System.Globalization.CultureInfo.InvariantCulture), weights) != first[u]);
        Assert.InRange(other, 3_000, 5_400);
    }

    [Fact]
    public async Task A_deliberately_skewed_log_raises_the_sample_ratio_alarm()
    {
        using var store = new LiteDbTestStore();
        var t0 = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var records = Enumerable.Range(0, 1_000).Select(i => new Contracts.PredictionRecord($"p{i}", Contracts.PredictionSource.Http, "advanced", "v1",
            i < 560 ? "A" : "B", 0.4, false, new Contracts.PredictionInputs("t", i, null, 1, 0, false, false, false, []), t0, t0, null, "skewed")).ToList();
        await store.Store.SavePredictionsAsync(records, TestContext.Current.CancellationToken);
        var report = await new ExperimentReporter(store.Store).ReportAsync("skewed", [("A", 1), ("B", 1)], TestContext.Current.CancellationToken);
        Assert.True(report.SampleRatio.Mismatch, $"560 vs 440 on equal weights must alarm (p = {report.SampleRatio.PValue})");

        var balanced = await new ExperimentReporter(store.Store).ReportAsync("skewed", [("A", 560), ("B", 440)], TestContext.Current.CancellationToken);
        Assert.False(balanced.SampleRatio.Mismatch);
    }

    private static List<int> CountsFor(double chiSquare, int variants)
    {
        // With n per variant expected and the first variant off by d (the rest sharing -d): chi2 = d^2/n * k/(k-1).
        const int n = 100_000;
        var d = Math.Sqrt(chiSquare * n * (variants - 1) / variants);
        var counts = Enumerable.Repeat(n, variants).Select(c => (double)c).ToArray();
        counts[0] += d;
        for (var i = 1; i < variants; i++)
            counts[i] -= d / (variants - 1);
        return counts.Select(c => (int)Math.Round(c)).ToList();
    }
}
