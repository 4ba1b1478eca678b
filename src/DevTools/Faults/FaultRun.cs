using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.DevTools.Faults;

/// <summary>
/// Runs one scenario and checks what Kafka as the log of record promises: every play hinted once in content and
/// stored once with its real outcome, however the processes, the brokers or the store failed on the way.
/// </summary>
public static class FaultRun
{
    public static async Task<FaultRow> RunAsync(FaultScenario scenario, FaultOptions options, IReadOnlyList<byte[]> export, Listening.Catalog.Catalog catalog)
    {
        var input = scenario.Input(export);
        var expected = ExpectedPlays.Of(input, catalog);
        using var stage = new FaultStage(options);
        await scenario.Start(stage);

        var replayed = 0L;
        var replaying = Task.Run(() => stage.Replay(input, n => Interlocked.Exchange(ref replayed, n)));
        while (Interlocked.Read(ref replayed) < input.Count / 3 && !replaying.IsCompleted)
            await Task.Delay(10);
        await scenario.Fault(stage, options);

        // Recovered: every play whose PLAY was in before the fault ended has its hint.
        var inBeforeEnd = (int)Interlocked.Read(ref replayed);
        var recovery = await WatchAsync(stage, expected, expected.Where(p => p.Hinted && p.Line < inBeforeEnd).Select(p => p.PlayId).ToList(), replaying);
        await replaying;

        var hints = stage.Hints.Messages.Select(m => (Play: PlayOf(m.Message.Value), Bytes: m.Message.Value!)).ToList();
        var predictions = stage.Predictions.Messages.Where(m => m.Message.Value is not null)
            .Select(m => (Key: Encoding.UTF8.GetString(m.Message.Key!), Bytes: m.Message.Value!)).ToList();
        var deadLettered = stage.DeadLettered();
        var stored = (await stage.StopAndReadStoreAsync()).GroupBy(r => r.PredictionId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var hinted = hints.Select(h => h.Play).ToHashSet(StringComparer.Ordinal);
        var expectedIds = expected.Select(p => p.PlayId).ToHashSet(StringComparer.Ordinal);
        var lost = expected.Select(p => (p.PlayId, Why: WhyLost(p, hinted, stored))).Where(p => p.Why is not null).ToList();
        var differing = DifferingCopies(hints.Select(h => (h.Play, h.Bytes))).Concat(DifferingCopies(predictions.Select(p => (p.Key, p.Bytes))))
            .Concat(hinted.Where(id => !expectedIds.Contains(id)).Select(id => $"{id}: hinted, but the input holds no such play")).ToList();
        var inTopic = stage.EventsInSessions();
        string[] replayWrote = inTopic == input.Count ? [] : [$"the sessions topic holds {inTopic:N0} events for {input.Count:N0} replayed"];
        var examples = replayWrote.Concat(lost.Select(p => $"lost {p.PlayId}: {p.Why}")).Concat(differing.Select(d => $"dup ≠ {d}")).Take(FaultRow.ExamplesShown).ToList();
        return new FaultRow(scenario.Name, input.Count, expected.Count, hinted.Count, stored.Count, deadLettered, lost.Count, differing.Count, recovery,
            stage.PeakRssMegabytes, examples);
    }

    private static string? WhyLost(ExpectedPlay play, HashSet<string> hinted, Dictionary<string, List<Contracts.PredictionRecord>> stored)
    {
        if (play.Hinted && !hinted.Contains(play.PlayId))
            return "no hint";
        if (!stored.TryGetValue(play.PlayId, out var records))
            return "not stored";
        if (records.Count != 1)
            return $"stored {records.Count} times";
        var outcome = records[0].Outcome?.Skipped;
        return outcome == play.Skipped ? null : $"stored with outcome {(outcome is { } skipped ? skipped ? "skipped" : "completed" : "unknown")}, " +
            $"where the input says {(play.Skipped ? "skipped" : "completed")}";
    }

    /// <summary>
    /// Follows the hints and predictions topics until every hint and every outcome is there and the sinks have stored
    /// all of it (or the settle limit); returns when the plays of <paramref name="recovering"/> were all hinted, if ever.
    /// </summary>
    private static async Task<double?> WatchAsync(FaultStage stage, IReadOnlyList<ExpectedPlay> expected, IReadOnlyList<string> recovering, Task replaying)
    {
        var clock = Stopwatch.StartNew();
        var (hinted, closed) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        double? recovery = null;
        while (clock.Elapsed < FaultOptions.SettleLimit + TimeSpan.FromSeconds(30))
        {
            foreach (var message in stage.Hints.CatchUp())
                hinted.Add(PlayOf(message.Message.Value));
            foreach (var message in stage.Predictions.CatchUp())
            {
                var key = Encoding.UTF8.GetString(message.Message.Key!);
                if (message.Message.Value is not null && key.EndsWith(PredictionLogEntry.OutcomeKey(""), StringComparison.Ordinal))
                    closed.Add(PredictionLogEntry.PredictionIdOf(key)!);
            }
            recovery ??= recovering.All(hinted.Contains) ? clock.Elapsed.TotalSeconds : null;
            if (replaying.IsCompleted && expected.All(p => closed.Contains(p.PlayId) && (!p.Hinted || hinted.Contains(p.PlayId))) && stage.SinksCaughtUp())
                return recovery;
            await Task.Delay(500);
        }
        return recovery;
    }

    private static string PlayOf(byte[]? hint) => JsonSerializer.Deserialize(hint, ContractsJsonContext.Default.CacheHint)!.PlayId;

    /// <summary>Each key whose copies are not byte-identical, with its first two differing copies.</summary>
    private static IEnumerable<string> DifferingCopies(IEnumerable<(string Key, byte[] Bytes)> messages) =>
        from copies in messages.GroupBy(m => m.Key, StringComparer.Ordinal)
        let distinct = copies.Select(c => Encoding.UTF8.GetString(c.Bytes)).Distinct(StringComparer.Ordinal).ToList()
        where distinct.Count > 1
        select $"{copies.Key}: {distinct[0]} then {distinct[1]}";
}
