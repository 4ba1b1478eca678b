using Pozytywka.Listening.Features;

namespace Pozytywka.Listening.Hints;

/// <summary>
/// The share of a track a play is expected to be heard, as known at its PLAY: all of it if the play completes, else
/// as much as this listener usually hears before a skip. Listeners differ in that: on the real export their own mean
/// share heard at a skip runs from about 0.45 to 0.70 around the population's 0.57, more than sampling explains, while
/// no track property moves it. So a skip-prone play of a late skipper still wastes little when fetched whole, and
/// ranking whole-track prefetches by this share rather than by P(complete) alone spends the waste where it is largest.
/// The listener's mean shrinks towards the skip-time curve's (the training skips') by <see cref="PseudoSkips"/>.
/// </summary>
public static class ExpectedHeard
{
    public const double PseudoSkips = 5;

    public static double Share(double completionProbability, SkipTiming listenerSkips, SkipTimeCurve curve)
    {
        var complete = Math.Clamp(completionProbability, 0, 1);
        return complete + (1 - complete) * listenerSkips.MeanHeard(curve.MeanFractionHeard, PseudoSkips);
    }
}
