using Pozytywka.Listening.Model;

namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>One arm of an experiment: a name that travels on every hint and prediction, its model and its share of listeners.</summary>
public sealed record ScoringVariant(string Name, SkipScorer Scorer, double Weight)
{
    public string ModelLabel => $"{Scorer.Manifest.Name}@{Scorer.Manifest.Version}";
}
