using System.Text.Json.Serialization;

namespace Pozytywka.Contracts.Json;

/// <summary>Source-generated serialization for every message and record the services exchange.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SessionEventWire))]
[JsonSerializable(typeof(CacheHint))]
[JsonSerializable(typeof(CacheDecision))]
[JsonSerializable(typeof(PlayOutcome))]
[JsonSerializable(typeof(PredictionRecord))]
[JsonSerializable(typeof(PredictionLogEntry))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
