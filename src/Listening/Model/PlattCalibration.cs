namespace Pozytywka.Listening.Model;

/// <summary>
/// Platt scaling of the skip logit: p = σ(a·logit + b), fitted by Newton's method on held-out plays.
/// The identity (a = 1, b = 0) means "not calibrated".
/// </summary>
public sealed record PlattCalibration(double Slope, double Intercept)
{
    public static PlattCalibration Identity { get; } = new(1, 0);

    public double Apply(double probability)
    {
        var p = Math.Clamp(probability, 1e-7, 1 - 1e-7);
        return Sigmoid(Slope * Math.Log(p / (1 - p)) + Intercept);
    }

    public static PlattCalibration Fit(IReadOnlyList<double> probabilities, IReadOnlyList<bool> skipped)
    {
        double a = 1, b = 0;
        var logits = probabilities.Select(p => Math.Log(Math.Clamp(p, 1e-7, 1 - 1e-7) / (1 - Math.Clamp(p, 1e-7, 1 - 1e-7)))).ToArray();
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (var i = 0; i < logits.Length; i++)
            {
                var p = Sigmoid(a * logits[i] + b);
                var error = p - (skipped[i] ? 1 : 0);
                var weight = p * (1 - p) + 1e-9;
                ga += error * logits[i];
                gb += error;
                haa += weight * logits[i] * logits[i];
                hab += weight * logits[i];
                hbb += weight;
            }
            var determinant = haa * hbb - hab * hab;
            if (Math.Abs(determinant) < 1e-12)
                break;
            var da = (hbb * ga - hab * gb) / determinant;
            var db = (haa * gb - hab * ga) / determinant;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9)
                break;
        }
        return new PlattCalibration(a, b);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
