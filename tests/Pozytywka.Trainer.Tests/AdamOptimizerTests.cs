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

    [Fact]
    public void The_plateau_rule_halves_the_rate_only_after_patience_epochs_without_improvement()
    {
        torch.manual_seed(1);
        using var model = nn.Linear(2, 1);
        using var optimizer = new AdamOptimizer(model.parameters(), 0.01);
        var plateau = new LearningRatePlateau(optimizer, factor: 0.5, patience: 2);

        plateau.Step(1.0);
        plateau.Step(0.99995);  // within the relative threshold: no improvement
        plateau.Step(1.2);
        Assert.Equal(0.01, optimizer.LearningRate);
        plateau.Step(1.1);
        Assert.Equal(0.005, optimizer.LearningRate);
        plateau.Step(0.5);
        plateau.Step(0.6);
        plateau.Step(0.6);
        Assert.Equal(0.005, optimizer.LearningRate);
    }
}
