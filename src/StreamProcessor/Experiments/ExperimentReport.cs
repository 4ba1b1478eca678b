namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>How one variant did: assignments (predictions logged), outcomes known, and quality on those outcomes.</summary>
public sealed record VariantReport(string Variant, IReadOnlyList<string> Models, double ExpectedShare, int Assignments, int Outcomes,
    double? Accuracy, double? LogLoss, double? SkipRate);

/// <summary>Whether assignments match the configured weights; a mismatch (p &lt; 0.001) means the split itself is broken.</summary>
public sealed record SampleRatioCheck(double ChiSquare, int DegreesOfFreedom, double PValue, bool Mismatch);

/// <summary>The accuracy difference between the first two variants, its z-test, and the verdict in words.</summary>
public sealed record AccuracyComparison(string First, string Second, double Difference, double Z, double PValue, string Verdict);

public sealed record ExperimentReport(string Experiment, IReadOnlyList<VariantReport> Variants, SampleRatioCheck SampleRatio, AccuracyComparison? Comparison);
