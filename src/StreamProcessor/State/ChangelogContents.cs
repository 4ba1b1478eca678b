using System.Text.Json;
using Pozytywka.Listening.State;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// What a changelog partition's latest records (by key, as compaction keeps them) say: per listener the record of
/// the highest epoch — a listener held, or one forgotten with the position they stopped at — whatever order the
/// records landed in; the highest epoch any record or claim names; the keys a new owner retires (a listener's
/// lower epochs, keys of an older layout); and how many records could not be read (their listeners start afresh).
/// </summary>
public sealed record ChangelogContents(
    int HighestEpoch,
    IReadOnlyList<RestoredListener> Listeners,
    IReadOnlyList<ForgottenListener> Forgotten,
    IReadOnlyDictionary<long, int> StoredAt,
    IReadOnlyList<string> Retired,
    int Unreadable)
{
    public static ChangelogContents Read(IReadOnlyDictionary<string, byte[]> latest)
    {
        var (highest, unreadable) = (0, 0);
        var retired = new List<string>();
        var newest = new Dictionary<long, (int Epoch, string Key)>();
        foreach (var (key, value) in latest)
        {
            if (key == StateChangelogMessages.OwnerKey)
            {
                if (TryRead(value, StateJsonContext.Default.OwnerClaim) is { } claim)
                    highest = Math.Max(highest, claim.Epoch);
                else
                    unreadable++;
            }
            else if (!StateChangelogMessages.TryParseListenerKey(key, out var user, out var epoch))
            {
                retired.Add(key);
                unreadable++;
            }
            else
            {
                highest = Math.Max(highest, epoch);
                if (newest.TryGetValue(user, out var held) && held.Epoch > epoch)
                {
                    retired.Add(key);
                    continue;
                }
                if (held.Key is not null)
                    retired.Add(held.Key);
                newest[user] = (epoch, key);
            }
        }

        var (listeners, forgotten) = (new List<RestoredListener>(), new List<ForgottenListener>());
        foreach (var (user, (epoch, key)) in newest)
        {
            var record = TryRead(latest[key], StateJsonContext.Default.ListenerRecord);
            if (record is null || record.Epoch != epoch)
                unreadable++;
            else if (record.Checkpoint is null)
                forgotten.Add(new ForgottenListener(user, record.AppliedThrough));
            else if (record.Checkpoint.UserId == user && record.Checkpoint.AppliedThrough == record.AppliedThrough
                && TrySlots(record.History) is { } slots && slots.Count == record.Checkpoint.HistoryCount)
                listeners.Add(new RestoredListener(record.Checkpoint, slots));
            else
                unreadable++;
        }
        return new ChangelogContents(highest, listeners, forgotten, newest.ToDictionary(n => n.Key, n => n.Value.Epoch), retired, unreadable);
    }

    private static T? TryRead<T>(byte[] value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(value, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyDictionary<int, HistorySlot>? TrySlots(PackedHistory? history)
    {
        try
        {
            return history?.Slots();
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
