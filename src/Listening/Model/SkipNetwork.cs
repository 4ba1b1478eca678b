using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pozytywka.Listening.Model;

/// <summary>
/// The MLPs of the original service, in TorchSharp: Simple 50-30-2 with ReLU; Advanced 100-50-30-2 with ReLU
/// and dropout 0.5. Two logits: index 1 is "skipped".
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
}
