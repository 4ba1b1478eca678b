using System.Text.Json.Serialization;

namespace Pozytywka.StreamProcessor.State;

/// <summary>The changelog's values as JSON, readable with kcat (a history's plays are packed, <see cref="PackedHistory"/>); attributes a track does not have are NaN.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ListenerRecord))]
[JsonSerializable(typeof(OwnerClaim))]
[JsonSerializable(typeof(Scoring.ModelChoices))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
