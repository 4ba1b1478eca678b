using Pozytywka.Listening.Features;

namespace Pozytywka.Trainer.Training;

/// <summary>
/// A play as it was known at its PLAY, with the outcome that came later: one training example. Seconds played
/// run to the SKIP, or are the track's duration for a completed play.
/// </summary>
public sealed record LabeledPlay(PlayToScore Input, bool Skipped, double SecondsPlayed);
