namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// How one model version did on live plays in one variant. Accuracy, log loss and AUC are over the plays whose
/// outcome is known; null until there are any (AUC also needs both skips and completions).
/// </summary>
public sealed record VariantOnlineMetrics(
    string Model,
    string Version,
    string Variant,
    int PlaysScored,
    int OutcomesKnown,
    double? Accuracy,
    double? LogLoss,
    double? Auc,
    double? PredictedSkipRate,
    double? MeanSkipProbability,
    double? ActualSkipRate)
{
    public double? Brier { get; init; }

    /// <summary>Known outcomes by predicted skip probability, in tenths: how many, mean prediction, observed skip rate.</summary>
    public IReadOnlyList<CalibrationBin> Calibration { get; init; } = [];

    /// <summary>What the hints were worth on this process's hinted plays with a known outcome; null when there are none (or read from the store, which keeps no decisions).</summary>
    public HintBytes? HintBytes { get; init; }
}

/// <param name="From">The bin's lower edge: it holds predictions in [From, From + 0.1).</param>
public sealed record CalibrationBin(double From, int Plays, double MeanPredicted, double ObservedSkipRate);

public sealed record OnlineMetricsReport(DateTime ComputedAt, IReadOnlyList<VariantOnlineMetrics> Variants);
