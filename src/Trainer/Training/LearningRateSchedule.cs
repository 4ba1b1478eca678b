namespace Pozytywka.Trainer.Training;

/// <summary>
/// How the learning rate moves over the epochs. Both depend on the epoch alone, never on a validation loss, so the
/// schedule chosen on the folds can be replayed on the whole training period, which has no validation plays left.
/// </summary>
public enum LearningRateSchedule
{
    /// <summary>The starting rate throughout.</summary>
    Constant,

    /// <summary>The rate halves every <see cref="LearningRateSchedules.StepEpochs"/> epochs.</summary>
    StepDecay,
}

public static class LearningRateSchedules
{
    public const int StepEpochs = 8;

    /// <summary>The learning rate for <paramref name="epoch"/> (from 1).</summary>
    public static double RateAt(this LearningRateSchedule schedule, double initial, int epoch) => schedule switch
    {
        LearningRateSchedule.Constant => initial,
        LearningRateSchedule.StepDecay => initial * Math.Pow(0.5, (epoch - 1) / StepEpochs),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, null),
    };
}
