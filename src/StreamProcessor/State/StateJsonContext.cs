using System.Text.Json.Serialization;
using Pozytywka.Listening.State;

namespace Pozytywka.StreamProcessor.State;

/// <summary>The changelog's values as JSON, readable with kcat; attributes a track does not have are NaN.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ListenerCheckpoint))]
[JsonSerializable(typeof(HistorySlot))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
