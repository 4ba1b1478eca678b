namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>The two tests an A/B verdict needs, with the special functions they rest on.</summary>
public static class ExperimentStatistics
{
    /// <summary>Pearson's χ² of observed counts against expected shares; p from the χ² distribution with k−1 degrees of freedom.</summary>
    public static (double ChiSquare, int DegreesOfFreedom, double PValue) SampleRatio(IReadOnlyList<int> observed, IReadOnlyList<double> expectedShares)
    {
        var total = observed.Sum();
        var shareTotal = expectedShares.Sum();
        var chiSquare = observed.Select((o, i) =>
        {
            var expected = total * expectedShares[i] / shareTotal;
            return expected == 0 ? 0 : (o - expected) * (o - expected) / expected;
        }).Sum();
        var degrees = observed.Count - 1;
        return (chiSquare, degrees, degrees < 1 || total == 0 ? 1 : UpperRegularizedGamma(degrees / 2.0, chiSquare / 2));
    }

    /// <summary>Two-proportion z-test (pooled) on accuracies; two-sided p.</summary>
    public static (double Z, double PValue) TwoProportions(int correctA, int totalA, int correctB, int totalB)
    {
        if (totalA == 0 || totalB == 0)
            return (0, 1);
        var pooled = (double)(correctA + correctB) / (totalA + totalB);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / totalA + 1.0 / totalB));
        if (standardError == 0)
            return (0, 1);
        var z = ((double)correctA / totalA - (double)correctB / totalB) / standardError;
        return (z, UpperRegularizedGamma(0.5, z * z / 2));
    }

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a): by its series below a + 1, by its continued fraction above (Numerical Recipes §6.2).</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        if (x <= 0)
            return 1;
        var logPrefix = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            double term = 1 / a, sum = term;
            for (var n = 1; n < 1000 && Math.Abs(term) > Math.Abs(sum) * 1e-15; n++)
            {
                term *= x / (a + n);
                sum += term;
            }
            return Math.Max(0, 1 - sum * Math.Exp(logPrefix));
        }
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15)
                break;
        }
        return Math.Exp(logPrefix) * h;
    }

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < 9; i++)
            sum += c[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
