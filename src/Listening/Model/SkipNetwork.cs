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
    /// Readies a trained module for serving: on its device, in eval mode, and in double precision. Matrix kernels
    /// sum in an order that depends on the batch's shape and a row's place in it, so in float32 a play scored
    /// alone and in a micro-batch can differ in the last bits; in float64 that difference is far below the
    /// float32 rounding of the result, so a play scores the same in any batch and a replay re-emits identical
    /// hints (but for a value within 1e-16 of a float32 rounding boundary).
    /// </summary>
    public static Module<Tensor, Tensor> PrepareForServing(Module<Tensor, Tensor> module, Device device)
    {
        module.to(device).to(ScalarType.Float64);
        module.eval();
        return module;
    }

    /// <summary>
    /// Raw skip probabilities (softmax of logit 1) for row-major feature rows, in eval mode, computed in the
    /// module's precision and rounded to float32. Every tensor this makes is owned by a dispose scope, so it stays
    /// alive through the native calls that read it and is freed here, on the calling thread, never by the garbage
    /// collector's finalizer.
    /// </summary>
    public static float[] SkipProbabilities(Module<Tensor, Tensor> module, float[] rows, int width, Device device)
    {
        var count = rows.Length / width;
        if (count == 0)
            return [];
        module.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(rows, count, width).to(device).to(module.parameters().First().dtype);
        var skip = functional.softmax(module.forward(input), 1)[.., 1].to(ScalarType.Float32).cpu();
        using var values = skip.data<float>();
        return values.ToArray();
    }
}
