namespace Pozytywka.Trainer.Evaluation;

/// <summary>Test metrics of one model on one split, with the sizes of its slices.</summary>
public sealed record SplitMetrics(
    string Split,
    double Accuracy,
    double MajorityAccuracy,
    double Auc,
    double LogLoss,
    double Brier,
    double Ece,
    ConfusionMatrix Confusion,
    double Threshold,
    bool Calibrated,
    int FitPlays,
    int ValidationPlays,
    int TestPlays)
{
    public static SplitMetrics From(string split, ClassificationMetrics m, bool calibrated, int fit, int validation) =>
        new(split, m.Accuracy, m.MajorityAccuracy, m.Auc, m.LogLoss, m.Brier, m.Ece, m.Confusion, m.Threshold, calibrated, fit, validation, m.Plays);
}

/// <summary>The content of a bundle's <c>metrics.json</c>: the temporal figures at the top level, the random split beside them.</summary>
public sealed record BundleMetrics(
    string Model,
    string Version,
    string Split,
    double Accuracy,
    double MajorityAccuracy,
    double Auc,
    double LogLoss,
    double Brier,
    double Ece,
    ConfusionMatrix Confusion,
    double Threshold,
    bool Calibrated,
    int FitPlays,
    int ValidationPlays,
    int TestPlays,
    SplitMetrics RandomSplit,
    Training.ClassBalance ClassBalance,
    string DataFingerprint,
    int Seed,
    string Device,
    double TrainingSeconds,
    string GitCommit,
    DateTime CreatedAt)
{
    public static BundleMetrics Create(string model, string version, SplitMetrics temporal, SplitMetrics random, Training.ClassBalance balance, string fingerprint,
        int seed, string device, double seconds, string commit, DateTime createdAt) =>
        new(model, version, temporal.Split, temporal.Accuracy, temporal.MajorityAccuracy, temporal.Auc, temporal.LogLoss, temporal.Brier,
            temporal.Ece, temporal.Confusion, temporal.Threshold, temporal.Calibrated, temporal.FitPlays, temporal.ValidationPlays,
            temporal.TestPlays, random, balance, fingerprint, seed, device, seconds, commit, createdAt);
}
