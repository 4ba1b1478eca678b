using Pozytywka.Listening.Model;

namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>
/// One arm of an experiment: a name that travels on every hint and prediction, its model and its share of
/// listeners. The current model is looked up when a batch is scored, so a variant naming a model without a version
/// follows that model's champion as it is promoted or rolled back; <see cref="ScorerOf"/> finds a version a
/// partition recorded earlier (<see cref="Scoring.ModelChoices"/>).
/// </summary>
public sealed record ScoringVariant(string Name, Func<SkipScorer> CurrentScorer, double Weight, Func<string, SkipScorer?>? FindScorer = null)
{
    public ScoringVariant(string name, SkipScorer scorer, double weight) : this(name, () => scorer, weight)
    {
    }

    public SkipScorer Scorer => CurrentScorer();

    public string ModelLabel => Label(Scorer);

    /// <summary>The scorer of a version by its label; null when this instance has not loaded it.</summary>
    public SkipScorer? ScorerOf(string label) => FindScorer is null ? (Scorer is var current && Label(current) == label ? current : null) : FindScorer(label);

    public static string Label(SkipScorer scorer) => $"{scorer.Manifest.Name}@{scorer.Manifest.Version}";
}
