namespace Pozytywka.Trainer.Training;

/// <summary>
/// Cuts the learning rate by <paramref name="factor"/> when the validation loss has not improved by a relative
/// 1e-4 for more than <paramref name="patience"/> epochs (PyTorch's ReduceLROnPlateau in "min"/"rel" mode).
/// </summary>
public sealed class LearningRatePlateau(AdamOptimizer optimizer, double factor, int patience)
{
    private const double RelativeThreshold = 1e-4;
    private const double SmallestChange = 1e-8;

    private double _best = double.PositiveInfinity;
    private int _epochsWithoutImprovement;

    public void Step(double validationLoss)
    {
        if (validationLoss < _best * (1 - RelativeThreshold))
        {
            _best = validationLoss;
            _epochsWithoutImprovement = 0;
            return;
        }
        if (++_epochsWithoutImprovement <= patience)
            return;
        var reduced = optimizer.LearningRate * factor;
        if (optimizer.LearningRate - reduced > SmallestChange)
            optimizer.LearningRate = reduced;
        _epochsWithoutImprovement = 0;
    }
}
