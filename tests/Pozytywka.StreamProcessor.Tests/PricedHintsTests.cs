using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.DevTools.Kafka;
using Pozytywka.Trainer.Simulation;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// The hints that run are the hints that were priced: the processor, replaying an export over the Kafka protocol with a
/// configuration that is not the default, decides and plans every play exactly as <c>simulate-cache</c> priced it under
/// the same settings file, and its live worth on /metrics equals both what the test computes from the hints and the stored
/// outcomes and what the simulator reports for every play.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class PricedHintsTests(TrainedExport export)
{
    private const int Partitions = 4;

    [Fact]
    public async Task The_processors_hints_equal_the_simulators_decisions_play_by_play_and_their_live_worth_is_the_priced_share()
    {
        var settingsFile = Path.Combine(TestDirectories.New(), "appsettings.json");
        File.WriteAllText(settingsFile, """{ "CacheHints": { "KeepUsefulShare": 0.9, "EvictBelow": 0.45, "AudioKbps": 96 } }""");
        var simulation = TestDirectories.New("simulation");
        var report = CacheSimulation.Run(export.Directory, export.ModelsDirectory,
            CacheSimulationSettings.Default with { AudioKbps = 96, Hints = DeployedHintOptions.Read(settingsFile) }, simulation);
        var priced = File.ReadAllLines(Path.Combine(simulation, HintDecisionsFile.Name)).Skip(1).Select(line => line.Split(','))
            .ToDictionary(row => row[0], row => (Decision: row[4], Plan: row[5]));
        Assert.Contains("EVICT", priced.Values.Select(p => p.Decision));
        Assert.Contains("PREFETCH", priced.Values.Select(p => p.Decision));

        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("store"), "priced", extra: new Dictionary<string, string?>
        {
            ["CacheHints:KeepUsefulShare"] = "0.9",
            ["CacheHints:EvictBelow"] = "0.45",
            ["CacheHints:AudioKbps"] = "96",
        });
        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines());
        List<PredictionRecord> stored = [];
        await RunningProcessor.WaitUntilAsync(async () =>
        {
            stored = await processor.ReadStoreAsync();
            return stored.Count == export.PlayCount && stored.All(r => r.Outcome is not null);
        }, $"{export.PlayCount} plays are stored with their outcomes");

        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, Partitions)
            .Select(m => JsonSerializer.Deserialize(m.Message.Value, ContractsJsonContext.Default.CacheHint)!).ToDictionary(h => h.PlayId);
        // The simulator prices the plays of tracks with a known length; the processor hints those and plays of catalog tracks without one.
        var withLength = hints.Values.Where(h => export.Catalog.FindTrack(h.TrackId)?.DurationSeconds is > 0).ToList();
        Assert.Equal(priced.Count, withLength.Count);
        Assert.All(withLength, hint => Assert.Equal(priced[hint.PlayId], (JsonSerializer.Serialize(hint.Decision, ContractsJsonContext.Default.CacheDecision).Trim('"'),
            string.Join(';', hint.Plan!.Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.FromSecond:R}:{s.BufferAheadSeconds:R}"))))));

        // Worth computed here from the hints, the stored outcomes and the catalog, at 96 kbit/s = 12,000 bytes a second.
        long Bytes(double seconds) => (long)Math.Round(seconds * 12_000);
        long prefetchedHeard = 0, prefetchedWasted = 0, missedHeard = 0;
        foreach (var hint in withLength)
        {
            var outcome = stored.Single(r => r.PredictionId == hint.PlayId).Outcome!;
            var seconds = export.Catalog.FindTrack(hint.TrackId)!.DurationSeconds!.Value;
            var heard = Bytes(outcome.Skipped ? Math.Clamp(outcome.SecondsPlayed, 0, seconds) : seconds);
            if (hint.Decision == CacheDecision.Prefetch)
                (prefetchedHeard, prefetchedWasted) = (prefetchedHeard + heard, prefetchedWasted + Bytes(seconds) - heard);
            else
                missedHeard += heard;
        }

        using var http = new HttpClient { BaseAddress = processor.BaseAddress };
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        long Counter(string outcome) => long.Parse(Regex.Match(metrics,
            $"^pozytywka_hint_bytes_total{{model=\"advanced\",version=\"v1\",variant=\"A\",outcome=\"{outcome}\"}} (\\S+)$", RegexOptions.Multiline).Groups[1].Value,
            NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal((prefetchedHeard, prefetchedWasted, missedHeard), (Counter("prefetched_heard"), Counter("prefetched_wasted"), Counter("missed_heard")));
        var everyPlay = report.Hinted.Single(h => h.Plays == HintedPlays.EveryPlay);
        Assert.Equal(everyPlay.UsefulShare, (double)prefetchedHeard / (prefetchedHeard + missedHeard), 12);
        Assert.Equal(everyPlay.Totals.WastedBytes, prefetchedWasted);

        var online = await http.GetFromJsonAsync<JsonElement>("/api/online-metrics", TestContext.Current.CancellationToken);
        var worth = Assert.Single(online.GetProperty("variants").EnumerateArray()).GetProperty("hint_bytes");
        Assert.Equal(everyPlay.UsefulShare, worth.GetProperty("prefetched_share_of_heard").GetDouble(), 12);
    }
}
