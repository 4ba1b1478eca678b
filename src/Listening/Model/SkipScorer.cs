using Pozytywka.Listening.Features;
using static TorchSharp.torch;

namespace Pozytywka.Listening.Model;

/// <summary>
/// A loaded model: scores plays in batches, returning calibrated skip probabilities. Safe to share between
/// threads (the stream consumer and HTTP requests): forward passes through one module are serialized, and
/// disposing waits for the pass in flight, so a scorer retired by a reload never frees a module in use.
/// </summary>
public sealed class SkipScorer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _module;
    private readonly Catalog.Catalog _catalog;
    private readonly Device _device;
    private readonly Lock _forward = new();
    private bool _disposed;

    internal SkipScorer(BundleManifest manifest, FeatureSpec spec, nn.Module<Tensor, Tensor> module, Catalog.Catalog catalog, Device device)
    {
        Manifest = manifest;
        Spec = spec;
        _catalog = catalog;
        _device = device;
        _module = SkipNetwork.PrepareForServing(module, device);
    }

    public BundleManifest Manifest { get; }
    public FeatureSpec Spec { get; }

    /// <summary>When the bundle's training plays were skipped (<c>skip_times.json</c>); null for a bundle trained before it existed.</summary>
    public Hints.SkipTimeCurve? SkipTimes { get; init; }

    /// <summary>Where the bundle's hints prefetch whole tracks (<c>operating_points.json</c>); null for a bundle trained before it existed.</summary>
    public Hints.HintOperatingPoints? OperatingPoints { get; init; }

    public double[] Score(IReadOnlyList<PlayToScore> plays, IReadOnlyList<IReadOnlyList<string>?>? favouriteGenres = null)
    {
        var width = Spec.Width;
        var features = new float[plays.Count * width];
        for (var i = 0; i < plays.Count; i++)
            FeatureVectorizer.Write(Spec, _catalog, plays[i], features.AsSpan(i * width, width), favouriteGenres?[i]);
        return ScoreFeatures(features, plays.Count);
    }

    private double[] ScoreFeatures(float[] features, int rows)
    {
        if (rows == 0)
            return [];
        float[] probabilities;
        lock (_forward)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            probabilities = SkipNetwork.SkipProbabilities(_module, features, Spec.Width, _device);
        }
        return probabilities.Select(p => Manifest.Calibration.Apply(p)).ToArray();
    }

    public void Dispose()
    {
        lock (_forward)
        {
            if (_disposed)
                return;
            _disposed = true;
            _module.Dispose();
        }
    }
}
