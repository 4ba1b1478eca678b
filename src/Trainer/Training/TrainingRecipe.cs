using Pozytywka.Listening.Model;

namespace Pozytywka.Trainer.Training;

/// <summary>Everything chosen on the folds, replayed on the whole training period.</summary>
public sealed record TrainingRecipe(ClassBalance Balance, LearningRateSchedule Schedule, int Epochs, PlattCalibration Calibration);

/// <summary>
/// How one candidate did on the folds: the epoch count that minimised its mean validation loss over all folds, and the
/// log loss of its skip probabilities at that epoch on the later folds, raw or Platt-scaled by a fit on the folds before.
/// </summary>
public sealed record CandidateScore(ClassBalance Balance, LearningRateSchedule Schedule, int Epochs, bool Platt, double LogLoss);
