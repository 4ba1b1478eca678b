namespace Pozytywka.Trainer.Training;

/// <summary>One fold: a network learns from the plays before a cut and is judged on the slice right after it.</summary>
public sealed record Fold(IReadOnlyList<LabeledPlay> Fit, IReadOnlyList<LabeledPlay> Validation);

/// <summary>
/// Forward-chaining folds inside the training period, ordered by PLAY time: with three folds of a tenth each, the
/// networks learn from the earliest 70, 80 and 90 % and are judged on the tenth that follows. No fold learns from a
/// play later than one it is judged on, as no model in service does.
/// </summary>
public static class TimeOrderedFolds
{
    public const int Count = 3;
    private const double ValidationShare = 0.1;

    public static IReadOnlyList<Fold> Of(IReadOnlyList<LabeledPlay> training)
    {
        var ordered = training.OrderBy(p => p.Input.Play.StartedAt).ToList();
        var slice = (int)(ordered.Count * ValidationShare);
        return Enumerable.Range(0, Count)
            .Select(k => ordered.Count - (Count - k) * slice)
            .Select(cut => new Fold(ordered[..cut], ordered[cut..(cut + slice)]))
            .ToList();
    }
}
