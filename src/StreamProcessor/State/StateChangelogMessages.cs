using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// What one owner of a changelog partition writes at once: the changed listeners at its epoch, then the keys they
/// leave behind. <paramref name="Abandoned"/> is cancelled when the owner lost the partition: the write is dropped,
/// and its deliveries still being retried are given up.
/// </summary>
public sealed record ChangelogWrite(int Partition, int Epoch, IReadOnlyList<Listening.State.StateChange> Changes, IReadOnlyList<string> Retired,
    CancellationToken Abandoned = default);

/// <summary>
/// The changelog's records. Partition p of the changelog holds the state of partition p of <c>sessions</c>. Key
/// <c>USER@EPOCH</c> holds one listener's whole state (<see cref="ListenerRecord"/>) as the owner of that epoch last
/// wrote it, and key <c>owner</c> the latest owner's claim (<see cref="OwnerClaim"/>). The epoch is in the key so
/// that compaction, which keeps the latest record of a key, can never let a former owner's late write replace a
/// later owner's: the two are different keys, and a reader takes each listener's highest epoch
/// (<see cref="ChangelogContents"/>). An owner that rewrites a listener first retires the key it was restored from.
/// Key <c>models@EPOCH</c> holds the partition's <see cref="Scoring.ModelChoices"/>, fenced the same way.
/// </summary>
public static class StateChangelogMessages
{
    public const string OwnerKey = "owner";
    private const string ModelsPrefix = "models@";

    public static string ModelsKey(int epoch) => ModelsPrefix + epoch.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseModelsKey(string key, out int epoch)
    {
        epoch = 0;
        return key.StartsWith(ModelsPrefix, StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(ModelsPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out epoch);
    }

    public static byte[] Models(Scoring.ModelChoices choices) => JsonSerializer.SerializeToUtf8Bytes(choices, StateJsonContext.Default.ModelChoices);

    public static string ListenerKey(long userId, int epoch) =>
        $"{userId.ToString(CultureInfo.InvariantCulture)}@{epoch.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParseListenerKey(string key, out long userId, out int epoch)
    {
        var at = key.IndexOf('@', StringComparison.Ordinal);
        epoch = 0;
        userId = 0;
        return at > 0 && long.TryParse(key.AsSpan(0, at), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out userId)
            && int.TryParse(key.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out epoch);
    }

    public static byte[] Claim(int epoch) => JsonSerializer.SerializeToUtf8Bytes(new OwnerClaim(epoch), StateJsonContext.Default.OwnerClaim);

    /// <summary>A write's records in the order they must land: each listener's new record before the key it retires.</summary>
    public static IEnumerable<(string Key, byte[]? Value)> Records(ChangelogWrite write)
    {
        foreach (var change in write.Changes)
            yield return (ListenerKey(change.UserId, write.Epoch), JsonSerializer.SerializeToUtf8Bytes(ListenerRecord.Of(change, write.Epoch), StateJsonContext.Default.ListenerRecord));
        foreach (var key in write.Retired)
            yield return (key, null);
    }

    /// <summary>One record of changelog partition <paramref name="partition"/> under <paramref name="key"/> (a tombstone when <paramref name="value"/> is null).</summary>
    public static Outgoing Keyed(string topic, int partition, string key, byte[]? value, CancellationToken givenUp = default) =>
        new(topic, new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value }, partition, givenUp);

    /// <summary>
    /// The messages of several writes, in order, each key once with its latest value, placed where its last
    /// occurrence was: writing fewer records changes nothing a reader of the compacted topic sees.
    /// </summary>
    public static List<Outgoing> Coalesce(string topic, IEnumerable<ChangelogWrite> writes)
    {
        var latest = new Dictionary<(int, string), int>();
        var ordered = new List<Outgoing?>();
        foreach (var write in writes)
        {
            foreach (var (key, value) in Records(write))
            {
                if (latest.TryGetValue((write.Partition, key), out var earlier))
                    ordered[earlier] = null;
                latest[(write.Partition, key)] = ordered.Count;
                ordered.Add(Keyed(topic, write.Partition, key, value, write.Abandoned));
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
}
