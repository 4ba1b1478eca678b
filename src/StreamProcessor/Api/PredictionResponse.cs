namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// One prediction. <c>skipped</c> is the decision at the model's threshold (the original service's answer);
/// <c>variant</c> and <c>assignment</c> (user, session or request) are set by <c>/api/predict/random</c>.
/// </summary>
public sealed record PredictionResponse(string PredictionId, double SkipProbability, bool Skipped, string Model, string Version,
    string? Variant = null, string? Assignment = null);

public sealed record BatchPredictionResponse(IReadOnlyList<PredictionResponse> Predictions);

public sealed record ModelSummary(string Name, string Version, bool Champion, DateTime LoadedAt, ModelMetricsSummary? Metrics);

public sealed record ModelMetricsSummary(int Plays, double Accuracy, double MajorityAccuracy, double Auc, double LogLoss);
