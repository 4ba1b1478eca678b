using System.Text.Json;
using Pozytywka.Listening.Model;

namespace Pozytywka.StreamProcessor.Models;

/// <summary>The Trainer's headline figures for a bundle (temporal test split), read from its metrics.json.</summary>
public sealed record OfflineMetrics(int Plays, double Accuracy, double MajorityAccuracy, double Auc, double LogLoss, DateTime? TestFrom)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Null when the bundle carries no metrics.json (it can still score); an unreadable one throws <see cref="InvalidDataException"/>.</summary>
    public static OfflineMetrics? Read(string bundleDirectory)
    {
        var path = Path.Combine(bundleDirectory, ModelBundle.MetricsFile);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<OfflineMetrics>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not the Trainer's metrics ({e.Message})", e);
        }
    }
}
