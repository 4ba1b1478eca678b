using System.Text.Json.Serialization;
using Pozytywka.Listening.Features;

namespace Pozytywka.Listening.Model;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(FeatureSpec))]
[JsonSerializable(typeof(Hints.SkipTimeCurve))]
[JsonSerializable(typeof(Hints.HintOperatingPoints))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
