namespace Pozytywka.Trainer.Training;

/// <summary>How training copes with there being fewer skips than completions.</summary>
public enum ClassBalance
{
    /// <summary>Try both on the time-ordered folds, keep the one with the lower out-of-fold log loss (<see cref="ModelChoice"/>).</summary>
    Auto,

    /// <summary>Inverse-frequency weights in the cross-entropy.</summary>
    ClassWeights,

    /// <summary>Synthetic minority oversampling, unweighted loss.</summary>
    Smote,
}
