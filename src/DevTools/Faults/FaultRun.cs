using System.Diagnostics;
using System.Text;
using Pozytywka.Reference;

namespace Pozytywka.DevTools.Faults;

/// <summary>
/// Runs one scenario and checks what Kafka as the log of record promises: every play of what the <c>sessions</c> topic
/// holds hinted once in content and stored with its real outcome and the prediction its hint carried, however the
/// processes, the brokers or the store failed on the way. The plays expected are the test code's reference
/// reconstruction of the topic, each partition in offset order, not the processor's own and not the replayed file
/// (a producer retrying through an outage can write an event twice, and the processor must then see it twice).
/// </summary>
public static class FaultRun
{
    public static async Task<FaultRow> RunAsync(FaultScenario scenario, FaultOptions options, IReadOnlyList<byte[]> export, IReadOnlySet<string> knownTracks)
    {
        var input = scenario.Input(export);
        using var stage = new FaultStage(options);
        await scenario.Start(stage);

        var replayed = 0L;
        var replaying = Task.Run(() => stage.Replay(input, n => Interlocked.Exchange(ref replayed, n)));
        while (Interlocked.Read(ref replayed) < input.Count / 3 && !replaying.IsCompleted)
            await Task.Delay(10);
        var faultStarted = DateTime.UtcNow;
        await scenario.Fault(stage, options);
        var faultEnded = DateTime.UtcNow;
        await replaying;

        var log = stage.SessionsLog();
        var expected = ReferenceReconstruction.Run(log).Plays;
        await SettleAsync(stage, expected, knownTracks);

        var verdict = new FaultVerdict(expected, knownTracks, stage.Hints.Messages, stage.Predictions.Messages, await stage.StopAndReadStoreAsync());
        string[] replayWrote = log.Count == input.Count ? [] : [$"the sessions topic holds {log.Count:N0} events for {input.Count:N0} replayed; the plays expected are the topic's"];
        return new FaultRow(scenario.Name, log.Count, expected.Count, verdict.Hinted, verdict.Stored, stage.DeadLettered(), verdict.Lost.Count,
            verdict.Differing.Count, verdict.IdenticalCopies, FaultRecovery.Seconds(stage.Hints.Messages, expected.DistinctBy(p => p.PlayId).ToDictionary(p => p.PlayId, p => p.Partition), faultStarted, faultEnded), stage.PeakRssMegabytes,
            [.. replayWrote.Concat(verdict.Lost.Select(l => $"lost {l}")).Concat(verdict.Differing.Select(d => $"dup ≠ {d}")).Take(FaultRow.ExamplesShown)]);
    }

    /// <summary>
    /// Follows the hints and predictions topics until every expected hint and outcome is there and the sinks' group has
    /// committed all of it, or <see cref="FaultOptions.SettleLimit"/> has passed.
    /// </summary>
    private static async Task SettleAsync(FaultStage stage, IReadOnlyList<ReferencePlay> expected, IReadOnlySet<string> knownTracks)
    {
        var clock = Stopwatch.StartNew();
        var (hinted, closed) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        while (clock.Elapsed < FaultOptions.SettleLimit)
        {
            foreach (var message in stage.Hints.CatchUp())
                hinted.Add(FaultVerdict.HintOf(message).PlayId);
            foreach (var message in stage.Predictions.CatchUp())
            {
                var key = Encoding.UTF8.GetString(message.Message.Key!);
                if (message.Message.Value is not null && key.EndsWith(Contracts.PredictionLogEntry.OutcomeKey(""), StringComparison.Ordinal))
                    closed.Add(Contracts.PredictionLogEntry.PredictionIdOf(key)!);
            }
            if (expected.All(p => closed.Contains(p.PlayId) && (!knownTracks.Contains(p.TrackId) || hinted.Contains(p.PlayId))) && stage.SinksCaughtUp())
                return;
            await Task.Delay(500);
        }
    }
}
