using TorchSharp;
using static TorchSharp.torch;

namespace Pozytywka.Listening.Tests;

/// <summary>Proves the native runtime set-up: libtorch loads and a small module trains on this host.</summary>
public class TorchSharpRuntimeTests
{
    [Fact]
    public void A_small_module_runs_forward_and_backward_on_the_cpu()
    {
        torch.manual_seed(7);
        var model = nn.Sequential(("hidden", nn.Linear(3, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 1)));
        using var x = torch.tensor(new float[] { 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1 }, 4, 3);
        using var y = torch.tensor(new float[] { 1, 2, 3, 6 }, 4, 1);
        var optimizer = optim.Adam(model.parameters(), 0.05);

        float FirstLoss() { using var l = nn.functional.mse_loss(model.forward(x), y); return l.item<float>(); }
        var before = FirstLoss();
        for (var step = 0; step < 200; step++)
        {
            optimizer.zero_grad();
            using var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
        }

        Assert.True(FirstLoss() < before / 10, "training did not reduce the loss tenfold");
    }
}
