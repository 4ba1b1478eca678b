namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>The variants live scoring splits listeners between, stickily by listener id.</summary>
public sealed class ScoringExperiment
{
    private readonly double[] _weights;

    public ScoringExperiment(string id, IReadOnlyList<ScoringVariant> variants)
    {
        if (variants.Count == 0)
            throw new ArgumentException("an experiment needs at least one variant", nameof(variants));
        if (variants.Any(v => !(v.Weight > 0)))
            throw new ArgumentException("every variant needs a positive weight", nameof(variants));
        Id = id;
        Variants = variants;
        _weights = variants.Select(v => v.Weight).ToArray();
    }

    public string Id { get; }
    public IReadOnlyList<ScoringVariant> Variants { get; }

    /// <summary>Each variant's current model version, by variant name.</summary>
    public IReadOnlyDictionary<string, string> CurrentLabels() => Variants.ToDictionary(v => v.Name, v => v.ModelLabel);

    public ScoringVariant For(long userId) =>
        Variants.Count == 1 ? Variants[0] : Variants[StickyAssignment.Choose(Id, userId.ToString(System.Globalization.CultureInfo.InvariantCulture), _weights)];
}
