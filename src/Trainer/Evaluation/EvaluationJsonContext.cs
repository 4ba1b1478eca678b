using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Evaluation;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BundleMetrics))]
[JsonSerializable(typeof(List<BundleScore>))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
