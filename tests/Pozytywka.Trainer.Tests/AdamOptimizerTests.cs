using Pozytywka.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Pozytywka.Trainer.Tests;

/// <summary>Proves the native runtime set-up and the optimizer: libtorch loads and a small module learns on this host.</summary>
public class AdamOptimizerTests
{
    [Fact]
    public void A_small_module_learns_a_linear_target_and_its_learning_rate_can_be_cut()
    {
        torch.manual_seed(7);
        using var model = nn.Sequential(("hidden", nn.Linear(3, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 1)));
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1 }, 4, 3);
        var y = tensor(new float[] { 1, 2, 3, 6 }, 4, 1);
        using var optimizer = new AdamOptimizer(model.parameters(), 0.05);

        float Loss()
        {
            using var step = NewDisposeScope();
            using var noGrad = no_grad();
            return nn.functional.mse_loss(model.forward(x), y).item<float>();
        }
        var before = Loss();
        for (var step = 0; step < 200; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.ZeroGradients();
            nn.functional.mse_loss(model.forward(x), y).backward();
            optimizer.Step();
        }
        var trained = Loss();
        Assert.True(trained < before / 10, $"loss went from {before} to {trained}, not a tenth of it");

        optimizer.LearningRate = 0;
        optimizer.ZeroGradients();
        using (NewDisposeScope())
            nn.functional.mse_loss(model.forward(x), y).backward();
        optimizer.Step();
        Assert.Equal(trained, Loss());
    }

    [Theory]
    [InlineData(LearningRateSchedule.Constant, 1, 0.01)]
    [InlineData(LearningRateSchedule.Constant, 60, 0.01)]
    [InlineData(LearningRateSchedule.StepDecay, 1, 0.01)]
    [InlineData(LearningRateSchedule.StepDecay, 8, 0.01)]
    [InlineData(LearningRateSchedule.StepDecay, 9, 0.005)]
    [InlineData(LearningRateSchedule.StepDecay, 17, 0.0025)]
    public void A_schedule_gives_each_epoch_its_rate_from_the_epoch_alone(LearningRateSchedule schedule, int epoch, double expected) =>
        Assert.Equal(expected, schedule.RateAt(0.01, epoch), precision: 12);
}
