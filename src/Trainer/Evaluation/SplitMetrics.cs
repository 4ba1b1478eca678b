using Pozytywka.Listening.Evaluation;
namespace Pozytywka.Trainer.Evaluation;

/// <summary>Test metrics of one model on one split, with how it was split and whether it was calibrated.</summary>
public record SplitMetrics : ClassificationMetrics
{
    public SplitMetrics(ClassificationMetrics test, string split, bool calibrated, int fitPlays, int validationPlays)
        : base(test)
    {
        Split = split;
        Calibrated = calibrated;
        FitPlays = fitPlays;
        ValidationPlays = validationPlays;
    }

    public string Split { get; init; }
    public bool Calibrated { get; init; }
    public int FitPlays { get; init; }
    public int ValidationPlays { get; init; }

    /// <summary>Temporal split only: the listener-skip-rate baseline and intervals from a bootstrap over listeners.</summary>
    public TestFigures? BaselineAndIntervals { get; init; }

    /// <summary>Temporal split only: when the test window opens (the first test play's start), so live plays can be compared like for like.</summary>
    public DateTime? TestFrom { get; init; }
}

/// <summary>The content of a bundle's <c>metrics.json</c>: the temporal figures at the top level, the random split beside them.</summary>
public sealed record BundleMetrics : SplitMetrics
{
    public BundleMetrics(SplitMetrics temporal, SplitMetrics randomSplit, BundleProvenance provenance)
        : base(temporal)
    {
        RandomSplit = randomSplit;
        Model = provenance.Model;
        Version = provenance.Version;
        ClassBalance = provenance.ClassBalance;
        DataFingerprint = provenance.DataFingerprint;
        Seed = provenance.Seed;
        Device = provenance.Device;
        TrainingSeconds = provenance.TrainingSeconds;
        GitCommit = provenance.GitCommit;
        CreatedAt = provenance.CreatedAt;
    }

    public string Model { get; init; }
    public string Version { get; init; }
    public SplitMetrics RandomSplit { get; init; }
    public Training.ClassBalance ClassBalance { get; init; }
    public string DataFingerprint { get; init; }
    public int Seed { get; init; }
    public string Device { get; init; }
    public double TrainingSeconds { get; init; }
    public string GitCommit { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>Where a bundle came from: enough to reproduce it.</summary>
public sealed record BundleProvenance(string Model, string Version, Training.ClassBalance ClassBalance, string DataFingerprint,
    int Seed, string Device, double TrainingSeconds, string GitCommit, DateTime CreatedAt);
