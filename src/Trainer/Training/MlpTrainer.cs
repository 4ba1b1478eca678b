using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Pozytywka.Trainer.Training;

/// <summary>One epoch's losses, for the training-curve plot.</summary>
public sealed record EpochLoss(int Epoch, double Train, double Validation);

/// <summary>
/// Trains a <see cref="SkipNetwork"/>: cross-entropy balanced by class weights or SMOTE, Adam, mini-batches,
/// early stopping on the validation slice (the best epoch's weights are kept), and a learning rate halved on
/// plateaus for the Advanced network. The seed fixes initialisation, dropout and batch order. Every tensor,
/// Scalar and optimizer made here is disposed on the calling thread before it returns: none is left to the
/// garbage collector, whose finalizer thread would free it while libtorch may still be using it.
/// </summary>
public static class MlpTrainer
{
    public static (nn.Module<Tensor, Tensor> Module, IReadOnlyList<EpochLoss> Curve) Train(
        FeatureSet set, int width, float[] fitX, long[] fitY, float[] validationX, long[] validationY,
        ClassBalance balance, TrainingOptions options, Device device, IProgress<double>? progress = null)
    {
        if (balance == ClassBalance.Smote)
            (fitX, fitY) = Smote.Balance(fitX, fitY, width, options.Seed);
        torch.manual_seed(options.Seed);
        var module = SkipNetwork.Create(width, set).to(device);
        try
        {
            var curve = Fit(module, set, width, fitX, fitY, validationX, validationY, balance, options, device, progress);
            module.eval();
            return (module, curve);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    private static List<EpochLoss> Fit(nn.Module<Tensor, Tensor> module, FeatureSet set, int width, float[] fitX, long[] fitY,
        float[] validationX, long[] validationY, ClassBalance balance, TrainingOptions options, Device device, IProgress<double>? progress)
    {
        using var trainingScope = NewDisposeScope();
        var fitRows = fitY.Length;
        var x = tensor(fitX, fitRows, width).to(device);
        var y = tensor(fitY).to(device);
        var vx = tensor(validationX, validationY.Length, width).to(device);
        var vy = tensor(validationY).to(device);

        var skipShare = balance == ClassBalance.ClassWeights && fitY.Length > 0 ? fitY.Average() : 0.5;
        var classWeights = tensor(new[] { (float)(0.5 / (1 - skipShare)), (float)(0.5 / skipShare) }).to(device);
        using var lossFunction = nn.CrossEntropyLoss(classWeights);
        using var optimizer = new AdamOptimizer(module.parameters(), options.LearningRate);
        var plateau = set.HasContext() ? new LearningRatePlateau(optimizer, factor: 0.5, patience: 3) : null;
        var shuffle = new Random(options.Seed);

        var curve = new List<EpochLoss>();
        var best = double.MaxValue;
        Dictionary<string, Tensor>? bestState = null;
        var sinceBest = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            module.train();
            var order = Enumerable.Range(0, fitRows).OrderBy(_ => shuffle.Next()).Select(i => (long)i).ToArray();
            double trainLoss = 0;
            for (var start = 0; start < fitRows; start += options.BatchSize)
            {
                using var batchScope = NewDisposeScope();
                var index = tensor(order[start..Math.Min(fitRows, start + options.BatchSize)]).to(device);
                optimizer.ZeroGradients();
                var loss = lossFunction.forward(module.forward(x.index_select(0, index)), y.index_select(0, index));
                loss.backward();
                optimizer.Step();
                trainLoss += loss.item<float>() * index.shape[0];
            }

            var validationLoss = Evaluate(module, lossFunction, vx, vy);
            curve.Add(new EpochLoss(epoch, trainLoss / Math.Max(1, fitRows), validationLoss));
            plateau?.Step(validationLoss);
            progress?.Report((double)epoch / options.Epochs);
            if (validationLoss < best - 1e-5)
            {
                best = validationLoss;
                sinceBest = 0;
                DisposeState(bestState);
                bestState = CopyState(module);
            }
            else if (++sinceBest >= options.Patience)
            {
                progress?.Report(1);
                break;
            }
        }
        if (bestState is not null)
            module.load_state_dict(bestState);
        return curve;
    }

    private static double Evaluate(nn.Module<Tensor, Tensor> module, nn.Module<Tensor, Tensor, Tensor> lossFunction, Tensor x, Tensor y)
    {
        if (y.shape[0] == 0)
            return 0;
        module.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return lossFunction.forward(module.forward(x), y).item<float>();
    }

    /// <summary>Copies of the module's weights, owned by the enclosing training scope.</summary>
    private static Dictionary<string, Tensor> CopyState(nn.Module module)
    {
        using var noGrad = no_grad();
        return module.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
    }

    private static void DisposeState(Dictionary<string, Tensor>? state)
    {
        foreach (var copy in state?.Values ?? Enumerable.Empty<Tensor>())
            copy.Dispose();
    }
}
