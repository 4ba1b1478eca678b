namespace Pozytywka.Trainer.Training;

/// <summary>
/// How to train. Defaults are the ones the figures in docs/benchmarks.md were measured with. <see cref="CpuThreads"/>:
/// libtorch's CPU threads. One is the default: the network is small, so a second thread saves nothing even alone
/// (17.0 s against 17.8 s on the real export) and beside another busy process it costs far more (30.8 s against 17.2 s),
/// docs/benchmarks.md.
/// </summary>
public sealed record TrainingOptions(int Epochs = 60, int BatchSize = 128, double LearningRate = 1e-3, int Patience = 8, int Seed = 42,
    string Device = "auto", ClassBalance Balance = ClassBalance.Auto, int ListenerHistory = Listening.Features.ListeningTimeline.DefaultListenerHistory,
    int CpuThreads = 1);
