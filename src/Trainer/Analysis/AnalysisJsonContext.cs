using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Analysis;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ExportAnalysis))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;
