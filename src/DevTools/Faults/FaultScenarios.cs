using System.Text;
using Pozytywka.StreamProcessor.Configuration;
using Pozytywka.Contracts.Json;

namespace Pozytywka.DevTools.Faults;

/// <summary>
/// The faults the report runs, in order: bad input, broker outages, and processes killed, added and restarted. A store
/// outage is not among them: it is measured in-process, where the store's writes can be refused at its interface
/// (StoreOutageTests, and the bench's 60 s outage); refusing them at the disk breaks LiteDB itself (docs/reliability.md).
/// </summary>
public static class FaultScenarios
{
    private const int FloodSize = 10_000;

    public static IReadOnlyList<FaultScenario> All { get; } =
    [
        new("a 1.1 MB event", OneInstance, AtMiddle(OversizedEvent()), NoFault),
        new($"{FloodSize:N0} malformed events mixed in", OneInstance, Interleaved(Malformed), NoFault),
        new($"{FloodSize:N0} events of unknown tracks", OneInstance, Interleaved(UnknownTracks, together: 2), NoFault),
        new("one broker of three down", OneInstance, Unchanged, (stage, options) => BrokersDownAsync(stage, [1], options.BrokerOutage)),
        new("all brokers down", OneInstance, Unchanged, (stage, options) => BrokersDownAsync(stage, [1, 2, 3], options.BrokerOutage)),
        new("SIGKILL of one of two instances", TwoInstancesAndASink, Unchanged, (stage, _) => KillAsync(stage.Instances[0])),
        new("SIGSTOP of one of two, resumed after takeover", TwoInstancesAndASink, Unchanged, async (stage, _) =>
        {
            // Frozen with its writes in flight while the other instance takes its partitions over; then it carries on
            // where it stood, and whatever it still had on its way lands after the new owner's: a zombie writer.
            var zombie = stage.Instances[0];
            zombie.Pause();
            await Task.Delay(FaultStage.SessionTimeout * 2);
            zombie.Resume();
        }),
        new("a third instance joins", TwoInstancesAndASink, Unchanged, async (stage, _) => await stage.StartAsync(ProcessorRole.Stream)),
        new("SIGKILL, restart (state from the changelog)", OneInstance, Unchanged, async (stage, _) =>
        {
            stage.Instances[0].Kill();
            await stage.StartAsync(ProcessorRole.All);
        }),
        new("SIGKILL mid changelog write, restart", OneInstance, Unchanged, async (stage, _) =>
        {
            // Killed as a write of listener records (about 12 KB each with a full history) lands: the restart restores
            // whatever part of it the broker holds, each listener whole, and replays the rest.
            await stage.WaitForChangelogWriteAsync(TimeSpan.FromSeconds(60));
            stage.Instances[0].Kill();
            await stage.StartAsync(ProcessorRole.All);
        }),
        new("SIGKILL mid-write, store log torn, restart", OneInstance, Unchanged, async (stage, _) =>
        {
            await stage.WaitForStoreWriteAsync(TimeSpan.FromSeconds(60));
            stage.Instances[0].Kill();
            TearWriteAheadLog(stage.StoreDirectory);
            await stage.StartAsync(ProcessorRole.All);
        }),
    ];

    private static async Task OneInstance(FaultStage stage) => await stage.StartAsync(ProcessorRole.All);

    private static async Task TwoInstancesAndASink(FaultStage stage)
    {
        await stage.StartAsync(ProcessorRole.Stream);
        await stage.StartAsync(ProcessorRole.Stream);
        await stage.StartAsync(ProcessorRole.Sink);
    }

    private static IReadOnlyList<byte[]> Unchanged(IReadOnlyList<byte[]> export) => export;

    private static Task NoFault(FaultStage stage, FaultOptions options) => Task.CompletedTask;

    private static Task KillAsync(Processes.ServeProcess instance)
    {
        instance.Kill();
        return Task.CompletedTask;
    }

    private static async Task BrokersDownAsync(FaultStage stage, int[] brokers, TimeSpan outage)
    {
        foreach (var broker in brokers)
            stage.Cluster.SetBrokerDown(broker);
        await Task.Delay(outage);
        foreach (var broker in brokers)
            stage.Cluster.SetBrokerUp(broker);
    }

    /// <summary>
    /// Cuts the last bytes of the store's write-ahead log (LiteDB's <c>*-log.db</c>), as a write torn by a power loss
    /// would leave it. Only the log is appended to as transactions commit; the data file is rewritten from the log at a
    /// checkpoint, and the log is emptied only after, so a torn checkpoint is redone from the log. (An earlier version cut
    /// the newest file, which right after a checkpoint is the data file: that destroys records the store had already
    /// made durable, which no crash does and no store survives.)
    /// An empty log (just checkpointed) has nothing in flight to tear.
    /// </summary>
    private static void TearWriteAheadLog(string storeDirectory)
    {
        var log = new DirectoryInfo(storeDirectory).GetFiles("*-log.db").SingleOrDefault(f => f.Length > 0);
        if (log is null)
            return;
        using var file = new FileStream(log.FullName, FileMode.Open, FileAccess.Write);
        file.SetLength(Math.Max(0, log.Length - 100));
    }

    private static Func<IReadOnlyList<byte[]>, IReadOnlyList<byte[]>> AtMiddle(byte[] line) => export => [.. export.Take(export.Count / 2), line, .. export.Skip(export.Count / 2)];

    /// <summary>
    /// The export with <see cref="FloodSize"/> extra lines spread evenly through it, <paramref name="together"/> at a
    /// time. Each extra line is made knowing the timestamp of the export's last readable event before it, so that it
    /// can arrive when a live stream would have carried it.
    /// </summary>
    private static Func<IReadOnlyList<byte[]>, IReadOnlyList<byte[]>> Interleaved(Func<int, DateTime, byte[]> extra, int together = 1) => export =>
    {
        var merged = new List<byte[]>(export.Count + FloodSize);
        var step = (double)export.Count / (FloodSize / together);
        var next = 0;
        var now = export.Select(TimestampOf).OfType<DateTime>().FirstOrDefault(DateTime.UnixEpoch);
        for (var i = 0; i <= export.Count; i++)
        {
            while (next < FloodSize && (next / together * step <= i || i == export.Count))
                merged.Add(extra(next++, now));
            if (i == export.Count)
                break;
            merged.Add(export[i]);
            now = TimestampOf(export[i]) ?? now;
        }
        return merged;
    };

    private static DateTime? TimestampOf(byte[] line) => SessionEventParser.TryParse(line, out var readable, out _) ? readable!.Timestamp : null;

    private static byte[] OversizedEvent() => Encoding.UTF8.GetBytes(
        $$"""{"timestamp": "2023-02-01T00:00:00", "user_id": 101, "track_id": "{{new string('x', 1_100_000)}}", "event_type": "PLAY", "session_id": 1}""");

    /// <summary>Every way a line can be unusable: not JSON, cut short, a missing or wrong field, an unknown type.</summary>
    private static byte[] Malformed(int i, DateTime _) => Encoding.UTF8.GetBytes((i % 6) switch
    {
        0 => "not json at all",
        1 => """{"timestamp": "2023-02-01T00:00:00", "user_id": 7""",
        2 => """{"timestamp": "2023-02-01T00:00:00", "track_id": "t", "event_type": "PLAY", "session_id": 3}""",
        3 => """{"timestamp": "yesterday", "user_id": 7, "track_id": "t", "event_type": "PLAY", "session_id": 3}""",
        4 => """{"timestamp": "2023-02-01T00:00:00", "user_id": 7, "track_id": "t", "event_type": "DANCE", "session_id": 3}""",
        _ => """{"timestamp": "2023-02-01T00:00:00", "user_id": -1, "track_id": null, "event_type": "PLAY", "session_id": -1}""",
    });

    /// <summary>
    /// Listeners the service has never seen playing tracks it does not have: a PLAY and, 30 s later, its SKIP, in
    /// sessions of their own, at the time of the export's events around them.
    /// </summary>
    private static byte[] UnknownTracks(int i, DateTime now)
    {
        var (play, user, session) = (i / 2, 900_000 + i / 2 % 200, 90_000_000 + i / 2);
        var at = now.AddSeconds(i % 2 * 30).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes($$"""{"timestamp": "{{at}}", "user_id": {{user}}, "track_id": "unknown-{{play}}", "event_type": "{{(i % 2 == 0 ? "PLAY" : "SKIP")}}", "session_id": {{session}}}""");
    }
}
