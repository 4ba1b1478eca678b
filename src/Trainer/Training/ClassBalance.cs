namespace Pozytywka.Trainer.Training;

/// <summary>How training copes with there being fewer skips than completions.</summary>
public enum ClassBalance
{
    /// <summary>Train both, keep the one with the lower calibrated validation log loss.</summary>
    Auto,

    /// <summary>Inverse-frequency weights in the cross-entropy.</summary>
    ClassWeights,

    /// <summary>Synthetic minority oversampling, unweighted loss.</summary>
    Smote,
}
