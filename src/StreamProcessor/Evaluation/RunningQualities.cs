namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// <see cref="RunningQuality"/> figures per model version and variant, read as one list ordered by model,
/// version and variant. Not synchronised: <see cref="LiveEvaluation"/> guards it, <see cref="OnlineEvaluator"/>
/// owns one per request.
/// </summary>
public sealed class RunningQualities
{
    private readonly Dictionary<(string Model, string Version, string Variant), RunningQuality> _byKey = [];

    public RunningQuality For(string model, string version, string variant)
    {
        if (!_byKey.TryGetValue((model, version, variant), out var quality))
            _byKey[(model, version, variant)] = quality = new RunningQuality();
        return quality;
    }

    public IReadOnlyList<VariantOnlineMetrics> Read(string? model = null, string? version = null) =>
        _byKey.Where(q => (model is null || q.Key.Model == model) && (version is null || q.Key.Version == version))
            .OrderBy(q => q.Key)
            .Select(q => q.Value.Read(q.Key.Model, q.Key.Version, q.Key.Variant))
            .ToList();
}
