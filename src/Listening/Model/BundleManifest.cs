using Pozytywka.Listening.Features;

namespace Pozytywka.Listening.Model;

/// <summary>What a bundle is: the network's shape, its calibration and the decision threshold it was tuned for.</summary>
public sealed record BundleManifest(
    string Name,
    string Version,
    FeatureSet FeatureSet,
    int Inputs,
    int[] HiddenLayers,
    PlattCalibration Calibration,
    double DecisionThreshold,
    DateTime CreatedAt);
