using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Evaluation;

/// <summary>
/// The baseline a model must beat besides the majority: each listener's own skip rate over the plays whose outcome was
/// known when the play started (what serving sees), shrunk towards the training period's skip rate by
/// <see cref="PseudoPlays"/> plays, so a listener with no history scores the prior.
/// </summary>
public static class ListenerSkipRate
{
    public const double PseudoPlays = 5;

    public static double[] Scores(IReadOnlyList<LabeledPlay> plays, double trainingSkipRate) =>
        [.. plays.Select(p => (p.Input.Listener.SkipsBefore + PseudoPlays * trainingSkipRate) / (p.Input.Listener.PlaysBefore + PseudoPlays))];
}
