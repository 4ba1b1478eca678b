using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.StreamProcessor.Hints;

/// <summary>Hints are keyed by track id, so every hint about a track reaches the same cache partition in order.</summary>
public static class CacheHintMessages
{
    public static Message<byte[]?, byte[]?> Create(CacheHint hint) => new()
    {
        Key = Encoding.UTF8.GetBytes(hint.TrackId),
        Value = JsonSerializer.SerializeToUtf8Bytes(hint, ContractsJsonContext.Default.CacheHint),
    };
}
