using Pozytywka.Listening.Features;
using Pozytywka.Trainer.Training;
using static TorchSharp.torch;

using Pozytywka.Tests;

namespace Pozytywka.Trainer.Tests;

/// <summary>
/// TorchSharp objects left to the garbage collector are finalized on the finalizer thread, possibly while
/// libtorch is still reading them on the training thread. A thread forcing full collections and finalizer runs
/// in a loop turns that rare race into a frequent one; training must survive it, alone and two at once.
/// </summary>
public class NativeLifetimeStressTests
{
    private const int Width = 24;

    [Fact]
    public void Training_repeatedly_survives_collections_forced_while_it_runs()
    {
        using var collector = new ForcedCollections();
        for (var run = 0; run < 6; run++)
            TrainOnce(seed: run);
        Assert.True(collector.Collections > 100, $"only {collector.Collections} forced collections ran during training");
    }

    [Fact]
    public async Task Two_trainings_at_once_survive_collections_forced_while_they_run()
    {
        using var collector = new ForcedCollections();
        var trainings = Enumerable.Range(0, 2)
            .Select(worker => Task.Factory.StartNew(() =>
            {
                for (var run = 0; run < 3; run++)
                    TrainOnce(seed: 10 * worker + run);
            }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        await Task.WhenAll(trainings);
        Assert.True(collector.Collections > 100, $"only {collector.Collections} forced collections ran during training");
    }

    private static void TrainOnce(int seed)
    {
        var random = new Random(seed);
        var (fitX, fitY) = Rows(random, 3000);
        var (validationX, validationY) = Rows(random, 500);
        var options = new TrainingOptions(Epochs: 4, BatchSize: 64, Seed: seed, Device: "cpu");
        var (module, curve) = MlpTrainer.Train(FeatureSet.Advanced, new TrainingRows(Width, fitX, fitY, validationX, validationY),
            ClassBalance.ClassWeights, LearningRateSchedule.StepDecay, options.Epochs, options, CPU);
        module.Dispose();
        Assert.All(curve.Losses, epoch => Assert.True(double.IsFinite(epoch.Train) && double.IsFinite(epoch.Validation)));
        Assert.All(curve.ValidationSkipProbabilities, epoch => Assert.Equal(validationY.Length, epoch.Length));
    }

    /// <summary>Rows whose label depends on the first feature, so the network has something to learn.</summary>
    private static (float[] X, long[] Y) Rows(Random random, int count)
    {
        var x = new float[count * Width];
        var y = new long[count];
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < Width; column++)
                x[row * Width + column] = (float)random.NextDouble();
            y[row] = x[row * Width] + 0.2 * random.NextDouble() > 0.6 ? 1 : 0;
        }
        return (x, y);
    }
}
