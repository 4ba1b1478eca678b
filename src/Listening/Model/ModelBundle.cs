using System.Text.Json;
using Pozytywka.Listening.Features;
using static TorchSharp.torch;

namespace Pozytywka.Listening.Model;

/// <summary>
/// A trained model on disk: <c>DIR/NAME/VERSION/</c> holding <c>bundle.json</c> (shape, calibration, threshold),
/// <c>features.json</c> (the fitted <see cref="FeatureSpec"/>), <c>weights.dat</c> (TorchSharp format) and
/// <c>metrics.json</c> (written by the Trainer), and, from the Trainers that wrote them on, <c>skip_times.json</c> (the
/// <see cref="Hints.SkipTimeCurve"/> hints' prefetch plans are chosen from) and <c>operating_points.json</c> (the
/// <see cref="Hints.HintOperatingPoints"/> hints decide at).
/// </summary>
public static class ModelBundle
{
    public const string ManifestFile = "bundle.json";
    public const string FeaturesFile = "features.json";
    public const string WeightsFile = "weights.dat";
    public const string MetricsFile = "metrics.json";

    public static string Save(string modelsDirectory, BundleManifest manifest, FeatureSpec spec, nn.Module module, Hints.SkipTimeCurve skipTimes,
        Hints.HintOperatingPoints operatingPoints)
    {
        var directory = Path.Combine(modelsDirectory, manifest.Name, manifest.Version);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(manifest, BundleJsonContext.Default.BundleManifest));
        File.WriteAllText(Path.Combine(directory, FeaturesFile), JsonSerializer.Serialize(spec, BundleJsonContext.Default.FeatureSpec));
        File.WriteAllText(Path.Combine(directory, Hints.SkipTimeCurve.BundleFile), JsonSerializer.Serialize(skipTimes, BundleJsonContext.Default.SkipTimeCurve));
        File.WriteAllText(Path.Combine(directory, Hints.HintOperatingPoints.BundleFile),
            JsonSerializer.Serialize(operatingPoints, BundleJsonContext.Default.HintOperatingPoints));
        module.save(Path.Combine(directory, WeightsFile));
        return directory;
    }

    public static BundleManifest ReadManifest(string directory) => Read(directory, ManifestFile, BundleJsonContext.Default.BundleManifest);

    /// <summary>Loads and checks a bundle; anything missing, corrupt or incompatible fails with what and where.</summary>
    public static SkipScorer Load(string directory, Catalog.Catalog catalog, Device? device = null)
    {
        var manifest = ReadManifest(directory);
        var spec = Read(directory, FeaturesFile, BundleJsonContext.Default.FeatureSpec);
        try
        {
            spec.Validate();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"bundle {directory}: {e.Message}", e);
        }
        if (spec.Set != manifest.FeatureSet || spec.Width != manifest.Inputs)
            throw new InvalidDataException($"bundle {directory}: the network takes {manifest.Inputs} {manifest.FeatureSet} features, the feature spec makes {spec.Width} {spec.Set} features");
        if (!manifest.HiddenLayers.SequenceEqual(SkipNetwork.HiddenLayers(manifest.FeatureSet)))
            throw new InvalidDataException($"bundle {directory}: hidden layers [{string.Join(",", manifest.HiddenLayers)}] are not those of the {manifest.FeatureSet} network");

        var module = SkipNetwork.Create(manifest.Inputs, manifest.FeatureSet);
        var weights = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weights))
            throw new InvalidDataException($"bundle {directory}: {WeightsFile} is missing");
        try
        {
            module.load(weights);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"bundle {directory}: {WeightsFile} does not fit the network ({e.Message})", e);
        }
        return new SkipScorer(manifest, spec, module, catalog, device ?? CPU)
        {
            SkipTimes = ReadOptional(directory, Hints.SkipTimeCurve.BundleFile, BundleJsonContext.Default.SkipTimeCurve, c => c.Validate()),
            OperatingPoints = ReadOptional(directory, Hints.HintOperatingPoints.BundleFile, BundleJsonContext.Default.HintOperatingPoints, p => p.Validate()),
        };
    }

    private static T? ReadOptional<T>(string directory, string file, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Action<T> validate)
        where T : class
    {
        if (!File.Exists(Path.Combine(directory, file)))
            return null;
        var read = Read(directory, file, type);
        try
        {
            validate(read);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"bundle {directory}: {e.Message}", e);
        }
        return read;
    }

    private static T Read<T>(string directory, string file, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
            throw new InvalidDataException($"bundle {directory}: {file} is missing");
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type)
                   ?? throw new InvalidDataException($"bundle {directory}: {file} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"bundle {directory}: {file} is not valid ({e.Message})", e);
        }
    }
}
