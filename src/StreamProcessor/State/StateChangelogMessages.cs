using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Listening.State;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// The changelog's records. Partition p of the changelog holds the state of partition p of <c>sessions</c>. Per
/// listener, key <c>USER</c> holds their <see cref="ListenerCheckpoint"/> and key <c>USER/SLOT</c> one play of
/// their history, so a closed play rewrites one small record, not the whole history; a listener dropped for room
/// leaves tombstones. Compaction keeps the latest record of each key: the state, however long the log.
/// </summary>
public static class StateChangelogMessages
{
    /// <summary>A changed listener's records in the order they must be written: tombstones, slots, then the checkpoint.</summary>
    public static IEnumerable<(string Key, byte[]? Value)> Records(StateChange change)
    {
        var user = change.UserId.ToString(CultureInfo.InvariantCulture);
        for (var slot = 0; slot < change.DroppedSlots; slot++)
        {
            if (!change.Slots.ContainsKey(slot))
                yield return (SlotKey(user, slot), null);
        }
        if (change.Checkpoint is null)
        {
            yield return (user, null);
            yield break;
        }
        foreach (var (slot, value) in change.Slots)
            yield return (SlotKey(user, slot), JsonSerializer.SerializeToUtf8Bytes(value, StateJsonContext.Default.HistorySlot));
        yield return (user, JsonSerializer.SerializeToUtf8Bytes(change.Checkpoint, StateJsonContext.Default.ListenerCheckpoint));
    }

    /// <summary>
    /// The messages of several batches' changes, in batch order, each key once with its latest value, placed where
    /// its last occurrence was: writing fewer records changes nothing a reader of the compacted topic sees.
    /// </summary>
    public static List<Outgoing> Coalesce(string topic, IEnumerable<PartitionStateChanges> batches)
    {
        var latest = new Dictionary<(int, string), int>();
        var ordered = new List<Outgoing?>();
        foreach (var batch in batches)
        {
            foreach (var (key, value) in batch.Changes.SelectMany(Records))
            {
                if (latest.TryGetValue((batch.Partition, key), out var earlier))
                    ordered[earlier] = null;
                latest[(batch.Partition, key)] = ordered.Count;
                ordered.Add(new Outgoing(topic, new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value }, batch.Partition));
            }
        }
        return ordered.OfType<Outgoing>().ToList();
    }

    /// <summary>Folds one changelog record into the latest records by key (a tombstone removes its key), as compaction would.</summary>
    public static void Fold(IDictionary<string, byte[]> latest, byte[]? key, byte[]? value)
    {
        if (key is null)
            return;
        var text = Encoding.UTF8.GetString(key);
        if (value is null)
            latest.Remove(text);
        else
            latest[text] = value;
    }

    /// <summary>
    /// The listeners the latest records hold. Records that cannot be read are left
    /// out and counted in <paramref name="unreadable"/>; a listener whose checkpoint is unreadable starts afresh.
    /// </summary>
    public static List<RestoredListener> Listeners(IReadOnlyDictionary<string, byte[]> latest, out int unreadable)
    {
        unreadable = 0;
        var slots = new Dictionary<long, Dictionary<int, HistorySlot>>();
        var checkpoints = new List<ListenerCheckpoint>();
        foreach (var (key, value) in latest)
        {
            var parts = key.Split('/');
            try
            {
                var user = long.Parse(parts[0], CultureInfo.InvariantCulture);
                if (parts.Length == 2)
                {
                    var slot = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    var held = JsonSerializer.Deserialize(value, StateJsonContext.Default.HistorySlot) ?? throw new JsonException("null slot");
                    (slots.TryGetValue(user, out var of) ? of : slots[user] = [])[slot] = held;
                }
                else if (parts.Length == 1 && JsonSerializer.Deserialize(value, StateJsonContext.Default.ListenerCheckpoint) is { } checkpoint && checkpoint.UserId == user)
                    checkpoints.Add(checkpoint);
                else
                    unreadable++;
            }
            catch (Exception e) when (e is JsonException or FormatException or OverflowException)
            {
                unreadable++;
            }
        }
        return checkpoints.Select(c => new RestoredListener(c, slots.GetValueOrDefault(c.UserId) ?? new Dictionary<int, HistorySlot>()))
            .ToList();
    }

    private static string SlotKey(string user, int slot) => $"{user}/{slot.ToString(CultureInfo.InvariantCulture)}";
}
