using System.Text.Json;
using Pozytywka.Listening.State;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// What a changelog partition's latest records (by key, as compaction keeps them) say: per listener the record of
/// the highest epoch — a listener held, or one forgotten with the position they stopped at — whatever order the
/// records landed in; the highest epoch any record or claim names; the keys a new owner retires (a listener's
/// lower epochs, lower epochs' model choices, keys of an older layout); how many records could not be read (their
/// listeners start afresh); and the model choices of the highest epoch that recorded any.
/// </summary>
public sealed record ChangelogContents(
    int HighestEpoch,
    IReadOnlyList<RestoredListener> Listeners,
    IReadOnlyList<ForgottenListener> Forgotten,
    IReadOnlyDictionary<long, int> StoredAt,
    IReadOnlyList<string> Retired,
    int Unreadable,
    Scoring.ModelChoices? Models = null,
    int ModelsEpoch = 0)
{
    public static ChangelogContents Read(IReadOnlyDictionary<string, byte[]> latest)
    {
        var (highest, unreadable) = (0, 0);
        var retired = new List<string>();
        var newest = new Dictionary<long, (int Epoch, string Key)>();
        var models = (Epoch: 0, Key: (string?)null);
        foreach (var (key, value) in latest)
        {
            if (StateChangelogMessages.TryParseModelsKey(key, out var modelsEpoch))
            {
                highest = Math.Max(highest, modelsEpoch);
                if (models.Key is not null)
                    retired.Add(modelsEpoch > models.Epoch ? models.Key : key);
                if (models.Key is null || modelsEpoch > models.Epoch)
                    models = (modelsEpoch, key);
            }
            else if (key == StateChangelogMessages.OwnerKey)
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
        var choices = models.Key is null ? null : TryRead(latest[models.Key], StateJsonContext.Default.ModelChoices);
        if (models.Key is not null && choices is not { Changes.Count: > 0 })
        {
            (choices, unreadable) = (null, unreadable + 1);
            retired.Add(models.Key);
        }
        return new ChangelogContents(highest, listeners, forgotten, newest.ToDictionary(n => n.Key, n => n.Value.Epoch), retired, unreadable,
            choices, choices is null ? 0 : models.Epoch);
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
