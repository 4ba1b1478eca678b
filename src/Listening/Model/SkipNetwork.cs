using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pozytywka.Listening.Model;

/// <summary>
/// The MLPs of the original service, in TorchSharp: Simple 50-30-2 with ReLU; Advanced (both feature sets)
/// 100-50-30-2 with ReLU and dropout 0.5. Two logits: index 1 is "skipped".
/// </summary>
public static class SkipNetwork
{
    public static int[] HiddenLayers(Features.FeatureSet set) =>
        set == Features.FeatureSet.Simple ? [50, 30] : [100, 50, 30];

    public static double Dropout(Features.FeatureSet set) => set == Features.FeatureSet.Simple ? 0 : 0.5;

    public static Module<Tensor, Tensor> Create(int inputs, Features.FeatureSet set)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var width = inputs;
        var index = 0;
        foreach (var hidden in HiddenLayers(set))
        {
            layers.Add(($"linear{index}", Linear(width, hidden)));
            layers.Add(($"relu{index}", ReLU()));
            if (Dropout(set) > 0)
                layers.Add(($"dropout{index}", nn.Dropout(Dropout(set))));
            width = hidden;
            index++;
        }
        layers.Add(("logits", Linear(width, 2)));
        return Sequential(layers);
    }

    /// <summary>
    /// Raw skip probabilities (softmax of logit 1) for row-major feature rows, in eval mode. Every tensor this
    /// makes is owned by a dispose scope, so it stays alive through the native calls that read it and is freed
    /// here, on the calling thread, never by the garbage collector's finalizer.
    /// </summary>
    public static float[] SkipProbabilities(Module<Tensor, Tensor> module, float[] rows, int width, Device device)
    {
        var count = rows.Length / width;
        if (count == 0)
            return [];
        module.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(rows, count, width).to(device);
        var skip = functional.softmax(module.forward(input), 1)[.., 1].cpu();
        using var values = skip.data<float>();
        return values.ToArray();
    }
}
