using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Pozytywka.Trainer.Training;

/// <summary>One epoch's losses, for the training-curve plot.</summary>
public sealed record EpochLoss(int Epoch, double Train, double Validation);

/// <summary>The rows a network learns from, and optionally the later plays it is judged on after every epoch.</summary>
public sealed record TrainingRows(int Width, float[] FitX, long[] FitY, float[]? ValidationX = null, long[]? ValidationY = null)
{
    public bool HasValidation => ValidationY is { Length: > 0 };
}

/// <summary>
/// What one training run saw: the losses per epoch and, with validation plays, their skip probabilities after every
/// epoch, so that an epoch count can be chosen afterwards across several folds.
/// </summary>
public sealed record TrainingCurve(IReadOnlyList<EpochLoss> Losses, IReadOnlyList<double[]> ValidationSkipProbabilities);

/// <summary>
/// Trains a <see cref="SkipNetwork"/>: cross-entropy balanced by class weights or SMOTE, Adam, mini-batches, and a
/// learning-rate schedule. With validation plays the run stops once their loss has not improved for
/// <see cref="TrainingOptions.Patience"/> epochs (the run is there to be measured, see <see cref="ModelChoice"/>);
/// without, it runs exactly the epochs it is given. The seed fixes initialisation, dropout and batch order. Every
/// tensor, Scalar and optimizer made here is disposed on the calling thread before it returns: none is left to the
/// garbage collector, whose finalizer thread would free it while libtorch may still be using it.
/// </summary>
public static class MlpTrainer
{
    public static (nn.Module<Tensor, Tensor> Module, TrainingCurve Curve) Train(FeatureSet set, TrainingRows rows, ClassBalance balance,
        LearningRateSchedule schedule, int epochs, TrainingOptions options, Device device, IProgress<double>? progress = null)
    {
        var (fitX, fitY) = balance == ClassBalance.Smote ? Smote.Balance(rows.FitX, rows.FitY, rows.Width, options.Seed) : (rows.FitX, rows.FitY);
        torch.manual_seed(options.Seed);
        var module = SkipNetwork.Create(rows.Width, set).to(device);
        try
        {
            var curve = Fit(module, rows with { FitX = fitX, FitY = fitY }, balance, schedule, epochs, options, device, progress);
            module.eval();
            return (module, curve);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    private static TrainingCurve Fit(nn.Module<Tensor, Tensor> module, TrainingRows rows, ClassBalance balance, LearningRateSchedule schedule,
        int epochs, TrainingOptions options, Device device, IProgress<double>? progress)
    {
        using var trainingScope = NewDisposeScope();
        var fitRows = rows.FitY.Length;
        var x = tensor(rows.FitX, fitRows, rows.Width).to(device);
        var y = tensor(rows.FitY).to(device);
        var validation = rows.HasValidation
            ? (X: tensor(rows.ValidationX!, rows.ValidationY!.Length, rows.Width).to(device), Y: tensor(rows.ValidationY!).to(device))
            : default;

        var skipShare = balance == ClassBalance.ClassWeights && fitRows > 0 ? rows.FitY.Average() : 0.5;
        var classWeights = tensor(new[] { (float)(0.5 / (1 - skipShare)), (float)(0.5 / skipShare) }).to(device);
        using var lossFunction = nn.CrossEntropyLoss(classWeights);
        using var optimizer = new AdamOptimizer(module.parameters(), options.LearningRate);
        var shuffle = new Random(options.Seed);

        var losses = new List<EpochLoss>();
        var probabilities = new List<double[]>();
        var best = double.MaxValue;
        var sinceBest = 0;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            optimizer.LearningRate = schedule.RateAt(options.LearningRate, epoch);
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
            progress?.Report((double)epoch / epochs);
            if (!rows.HasValidation)
            {
                losses.Add(new EpochLoss(epoch, trainLoss / Math.Max(1, fitRows), double.NaN));
                continue;
            }

            var (validationLoss, skipProbabilities) = Evaluate(module, lossFunction, validation.X, validation.Y);
            losses.Add(new EpochLoss(epoch, trainLoss / Math.Max(1, fitRows), validationLoss));
            probabilities.Add(skipProbabilities);
            if (validationLoss < best - 1e-5)
                (best, sinceBest) = (validationLoss, 0);
            else if (++sinceBest >= options.Patience)
            {
                progress?.Report(1);
                break;
            }
        }
        return new TrainingCurve(losses, probabilities);
    }

    private static (double Loss, double[] SkipProbabilities) Evaluate(nn.Module<Tensor, Tensor> module, nn.Module<Tensor, Tensor, Tensor> lossFunction,
        Tensor x, Tensor y)
    {
        module.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var logits = module.forward(x);
        var skip = nn.functional.softmax(logits, 1)[.., 1].to(ScalarType.Float64).cpu();
        using var values = skip.data<double>();
        return (lossFunction.forward(logits, y).item<float>(), values.ToArray());
    }
}
