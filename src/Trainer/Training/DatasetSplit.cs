namespace Pozytywka.Trainer.Training;

/// <summary>
/// Training / test. Temporal: by PLAY time, the earliest 80 % for training (every choice is made on time-ordered
/// folds inside it, <see cref="TimeOrderedFolds"/>) and the latest 20 % for test. Random: the original service's
/// shuffled 80/20, kept only to show side by side how much it flatters.
/// </summary>
public sealed record DatasetSplit(string Kind, IReadOnlyList<LabeledPlay> Training, IReadOnlyList<LabeledPlay> Test)
{
    private const double TrainShare = 0.8;

    /// <summary>The skip rate of the plays before the test period.</summary>
    public double TrainingSkipRate => Training.Average(p => p.Skipped ? 1.0 : 0.0);

    public static DatasetSplit Temporal(IReadOnlyList<LabeledPlay> plays) =>
        Cut("temporal", plays.OrderBy(p => p.Input.Play.StartedAt).ToList());

    public static DatasetSplit Random(IReadOnlyList<LabeledPlay> plays, int seed)
    {
        var random = new Random(seed);
        return Cut("random", plays.OrderBy(_ => random.Next()).ToList());
    }

    private static DatasetSplit Cut(string kind, List<LabeledPlay> ordered)
    {
        var train = (int)(ordered.Count * TrainShare);
        return new DatasetSplit(kind, ordered[..train], ordered[train..]);
    }
}
