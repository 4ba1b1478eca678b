using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Training;

/// <summary>A training-period play's skip probability from a network that had not learned from it.</summary>
public sealed record OutOfFoldScore(string PlayId, double SkipProbability);

/// <summary>
/// The scores <c>simulate-cache</c> tunes its thresholds and plans on, saved beside the bundle by the Trainer. The
/// bundle's own network learned from every training play, so its scores there would make any operating point
/// chosen on them look better than it is.
/// </summary>
public sealed record OutOfFoldScores(IReadOnlyList<OutOfFoldScore> Plays)
{
    public const string BundleFile = "out_of_fold.json";

    public void Write(string bundleDirectory) =>
        File.WriteAllText(Path.Combine(bundleDirectory, BundleFile), JsonSerializer.Serialize(this, OutOfFoldJsonContext.Default.OutOfFoldScores));

    public static OutOfFoldScores Read(string bundleDirectory)
    {
        var path = Path.Combine(bundleDirectory, BundleFile);
        if (!File.Exists(path))
            throw new InvalidDataException($"{path} is missing: the bundle predates out-of-fold scores; train it again");
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), OutOfFoldJsonContext.Default.OutOfFoldScores)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid ({e.Message})", e);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OutOfFoldScores))]
internal sealed partial class OutOfFoldJsonContext : JsonSerializerContext;
