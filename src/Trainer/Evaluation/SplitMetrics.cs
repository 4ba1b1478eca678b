using Pozytywka.Listening.Evaluation;
namespace Pozytywka.Trainer.Evaluation;

/// <summary>Test metrics of one model on one split, with how it was split and whether it was calibrated.</summary>
public record SplitMetrics : ClassificationMetrics
{
    public SplitMetrics(ClassificationMetrics test, string split, bool calibrated, int trainingPlays)
        : base(test)
    {
        Split = split;
        Calibrated = calibrated;
        TrainingPlays = trainingPlays;
    }

    public string Split { get; init; }
    public bool Calibrated { get; init; }

    /// <summary>The plays before the test period: the folds the choices were made on, then the final network's.</summary>
    public int TrainingPlays { get; init; }

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
        ClassBalance = provenance.Recipe.Balance;
        Recipe = provenance.Recipe;
        Candidates = provenance.Candidates;
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

    /// <summary>What was chosen on the time-ordered folds inside the training period, and how every candidate did there.</summary>
    public Training.TrainingRecipe Recipe { get; init; }
    public IReadOnlyList<Training.CandidateScore> Candidates { get; init; }
    public string DataFingerprint { get; init; }
    public int Seed { get; init; }
    public string Device { get; init; }
    public double TrainingSeconds { get; init; }
    public string GitCommit { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>Where a bundle came from: enough to reproduce it.</summary>
public sealed record BundleProvenance(string Model, string Version, Training.TrainingRecipe Recipe, IReadOnlyList<Training.CandidateScore> Candidates,
    string DataFingerprint,
    int Seed, string Device, double TrainingSeconds, string GitCommit, DateTime CreatedAt);
