using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.Reference;

namespace Pozytywka.DevTools.Faults;

/// <summary>
/// What came out of a scenario against what the log of record says should have. Copies are counted on the topics,
/// where they can exist (the store is keyed by play, so it holds one record or none); every stored record is compared
/// with what was produced for its play: the hint's probability, model and variant, and the reference's track and outcome.
/// </summary>
public sealed class FaultVerdict
{
    public FaultVerdict(IReadOnlyList<ReferencePlay> expected, IReadOnlySet<string> knownTracks, IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> hintMessages,
        IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> predictionMessages, IReadOnlyList<PredictionRecord> storedRecords)
    {
        var parsed = hintMessages.Select(m => (Hint: HintOf(m), Bytes: m.Message.Value!)).ToList();
        var hints = parsed.ConvertAll(h => (Key: h.Hint.PlayId, h.Bytes));
        var predictions = predictionMessages.Where(m => m.Message.Value is not null)
            .Select(m => (Key: Encoding.UTF8.GetString(m.Message.Key!), Bytes: m.Message.Value!)).ToList();
        var firstHint = parsed.GroupBy(h => h.Hint.PlayId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Hint, StringComparer.Ordinal);
        var stored = storedRecords.ToDictionary(r => r.PredictionId, StringComparer.Ordinal);
        var expectedIds = expected.Select(p => p.PlayId).ToHashSet(StringComparer.Ordinal);

        Hinted = firstHint.Count;
        Stored = stored.Count;
        Lost = [.. expected.Select(p => (p.PlayId, Why: WhyWrong(p, knownTracks.Contains(p.TrackId), firstHint.GetValueOrDefault(p.PlayId), stored.GetValueOrDefault(p.PlayId))))
            .Where(p => p.Why is not null).Select(p => $"{p.PlayId}: {p.Why}")];
        Differing = [.. DifferingCopies(hints).Concat(DifferingCopies(predictions))
            .Concat(firstHint.Keys.Where(id => !expectedIds.Contains(id)).Select(id => $"{id}: hinted, but the log holds no such play"))
            .Concat(stored.Keys.Where(id => !expectedIds.Contains(id)).Select(id => $"{id}: stored, but the log holds no such play"))];
        IdenticalCopies = hints.Count - hints.DistinctBy(h => h.Key).Count() + predictions.Count - predictions.DistinctBy(p => p.Key).Count();
    }

    public int Hinted { get; }

    public int Stored { get; }

    /// <summary>Plays without their hint or record, or whose record differs from what the log and the hint say.</summary>
    public IReadOnlyList<string> Lost { get; }

    /// <summary>Plays whose copies on a topic differ, and hints or records of plays the log does not hold.</summary>
    public IReadOnlyList<string> Differing { get; }

    /// <summary>Extra byte-identical copies on the hints and predictions topics: harmless (effectively once), and counted.</summary>
    public int IdenticalCopies { get; }

    public static CacheHint HintOf(ConsumeResult<byte[]?, byte[]?> message) => JsonSerializer.Deserialize(message.Message.Value, ContractsJsonContext.Default.CacheHint)!;

    private static string? WhyWrong(ReferencePlay play, bool hintable, CacheHint? hint, PredictionRecord? record)
    {
        if (hintable && hint is null)
            return "no hint";
        if (record is null)
            return "not stored";
        if (record.Inputs.TrackId != play.TrackId)
            return $"stored for track {record.Inputs.TrackId}, where the log says {play.TrackId}";
        if (record.Outcome?.Skipped != play.Skipped)
            return $"stored with outcome {Outcome(record.Outcome?.Skipped)}, where the log says {Outcome(play.Skipped)}";
        if (hint is not null && (hint.CompletionProbability != 1 - record.SkipProbability || hint.ModelLabel != $"{record.Model}@{record.ModelVersion}" || hint.Variant != record.Variant))
            return $"stored P(skip) {record.SkipProbability} by {record.Model}@{record.ModelVersion} ({record.Variant}), where the hint says P(complete) " +
                $"{hint.CompletionProbability} by {hint.ModelLabel} ({hint.Variant})";
        return null;
    }

    private static string Outcome(bool? skipped) => skipped switch { true => "skipped", false => "completed", null => "unknown" };

    /// <summary>Each key whose copies are not byte-identical, with its first two differing copies.</summary>
    private static IEnumerable<string> DifferingCopies(IEnumerable<(string Key, byte[] Bytes)> messages) =>
        from copies in messages.GroupBy(m => m.Key, StringComparer.Ordinal)
        let distinct = copies.Select(c => Encoding.UTF8.GetString(c.Bytes)).Distinct(StringComparer.Ordinal).ToList()
        where distinct.Count > 1
        select $"{copies.Key}: {distinct[0]} then {distinct[1]}";
}
