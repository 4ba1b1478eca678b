namespace Pozytywka.Trainer.Training;

/// <summary>How to train. Defaults are the ones the figures in docs/benchmarks.md were measured with.</summary>
public sealed record TrainingOptions(int Epochs = 60, int BatchSize = 128, double LearningRate = 1e-3, int Patience = 8, int Seed = 42,
    string Device = "auto", ClassBalance Balance = ClassBalance.Auto, int ListenerHistory = Listening.Features.ListeningTimeline.DefaultListenerHistory);
