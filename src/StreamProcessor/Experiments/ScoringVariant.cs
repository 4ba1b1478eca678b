using Pozytywka.Listening.Model;

namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>
/// One arm of an experiment: a name that travels on every hint and prediction, its model and its share of
/// listeners. The model is looked up when a batch is scored, so a variant naming a model without a version
/// follows that model's champion as it is promoted or rolled back.
/// </summary>
public sealed record ScoringVariant(string Name, Func<SkipScorer> CurrentScorer, double Weight)
{
    public ScoringVariant(string name, SkipScorer scorer, double weight) : this(name, () => scorer, weight)
    {
    }

    public SkipScorer Scorer => CurrentScorer();

    public string ModelLabel => Label(Scorer);

    public static string Label(SkipScorer scorer) => $"{scorer.Manifest.Name}@{scorer.Manifest.Version}";
}
