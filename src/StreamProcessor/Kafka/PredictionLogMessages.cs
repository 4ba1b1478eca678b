using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>The <c>skip-predictions</c> topic's messages: a <see cref="PredictionLogEntry"/> as JSON under its <see cref="PredictionLogEntry.Key"/>.</summary>
public static class PredictionLogMessages
{
    public static Message<byte[]?, byte[]?> Create(PredictionLogEntry entry) => new()
    {
        Key = Encoding.UTF8.GetBytes(entry.Key),
        Value = JsonSerializer.SerializeToUtf8Bytes(entry, ContractsJsonContext.Default.PredictionLogEntry),
    };

    /// <summary>
    /// Erases a play from the log and the store: a tombstone (no value) for its prediction's key and its outcome's.
    /// Compaction then drops both records, and the outcome sink deletes the play from the store when it reads them.
    /// </summary>
    public static IEnumerable<Message<byte[]?, byte[]?>> Tombstones(string predictionId) =>
        new[] { PredictionLogEntry.PredictionKey(predictionId), PredictionLogEntry.OutcomeKey(predictionId) }
            .Select(key => new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = null });

    /// <summary>The play a tombstone erases; null when the record is not a tombstone of this topic.</summary>
    public static string? ErasedBy(byte[]? key, byte[]? value) =>
        value is null && key is not null ? PredictionLogEntry.PredictionIdOf(Encoding.UTF8.GetString(key)) : null;

    /// <summary>The entry, or null with the reason when the bytes are not one.</summary>
    public static PredictionLogEntry? Read(byte[]? value, out string? reason)
    {
        reason = null;
        try
        {
            var entry = value is null ? null : JsonSerializer.Deserialize(value, ContractsJsonContext.Default.PredictionLogEntry);
            if (entry is { IsWellFormed: true })
                return entry;
            reason = "not exactly one of prediction and outcome, or no id";
        }
        catch (JsonException e)
        {
            reason = $"invalid JSON: {e.Message}";
        }
        return null;
    }
}
