namespace Pozytywka.Listening.Features;

/// <summary>
/// The single cut on one attribute that best separated a listener's skips from their completions so far
/// (largest Gini impurity decrease, at least <see cref="TasteFeatures.MinimumSide"/> plays on each side).
/// </summary>
/// <param name="Attribute">Index into <see cref="TasteFeatures.Attributes"/>.</param>
/// <param name="Cut">Plays with a value at or below the cut are "below".</param>
/// <param name="Strength">The impurity decrease, from 0 (no separation) to 0.5 (perfect on balanced classes).</param>
public sealed record TasteSplit(int Attribute, float Cut, double SkipRateBelow, double SkipRateAbove, double Strength);
