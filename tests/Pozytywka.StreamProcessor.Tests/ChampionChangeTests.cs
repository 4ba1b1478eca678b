using System.Text.Json;
using Pozytywka.Contracts.Json;
using Pozytywka.DevTools.Kafka;
using Pozytywka.Listening.Model;
using Pozytywka.Reference;
using Pozytywka.StreamProcessor.Models;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// A champion change takes effect at a point recorded in the log, so a play is scored by one model version whoever
/// scores it and however often: real processes, killed with SIGKILL, with the champion promoted while none runs, and
/// two instances that pick the promotion up at different moments. Each play's hints have one content, and in every
/// partition the version changes once, from the old to the new, in offset order.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class ChampionChangeTests(TrainedExport export)
{
    private const int Partitions = 8;
    private const string Old = "advanced@v1";
    private const string New = "advanced@v2";

    [Fact]
    public async Task A_champion_promoted_between_a_crash_and_the_restart_scores_the_events_consumed_again_with_the_version_before()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var (store, models) = (TestDirectories.New("store"), TwoVersions());
        var environment = LogOfRecord.ProcessEnvironment(kafka, topics, "promoted-while-down");
        var (first, later) = Split(2.0 / 3);

        using (var crashed = ServeProcesses.Start(export, store, environment, models))
        {
            await crashed.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
            var replaying = LogOfRecord.ReplayAsync(kafka, topics, first);
            await RunningProcessor.WaitUntilAsync(async () => await crashed.MetricAsync("pozytywka_events_total") >= export.Lines.Count / 3, "a third of the events are handled");
            crashed.Kill();
            await replaying;
        }
        var endBeforeRestart = Ends(kafka, topics);
        Promote(models, "v2");

        using var restarted = ServeProcesses.Start(export, store, environment, models);
        await restarted.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await OwnsEveryPartitionAsync(restarted);
        await LogOfRecord.ReplayAsync(kafka, topics, later);
        await WaitForEveryPlayAsync(kafka, topics);
        Assert.Equal(0, restarted.Stop(TimeSpan.FromSeconds(90)));

        var labels = AssertOneVersionSwitchPerPartition(kafka, topics, await LogOfRecord.ReadStoreAsync(store));
        Assert.All(labels.Where(l => l.Offset < endBeforeRestart.GetValueOrDefault(l.Partition)), l => Assert.Equal(Old, l.Label));
        Assert.Contains(labels, l => l.Label == New);
    }

    [Fact]
    public async Task Two_instances_that_pick_a_promotion_up_at_different_moments_and_a_takeover_give_every_play_one_hint_content()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var (store, models) = (TestDirectories.New("store"), TwoVersions());
        var environment = LogOfRecord.ProcessEnvironment(kafka, topics, "refresh-moments");
        environment["Kafka__SessionTimeout"] = "00:00:06";
        // The replay pauses while partitions change hands; sessions must not end for quiet meanwhile.
        environment["Streaming__QuietPartitionTimeout"] = "00:01:00";
        Dictionary<string, string> As(string role, string refreshInterval) => new(environment) { ["Processor__Role"] = role, ["Models__RefreshInterval"] = refreshInterval };
        var parts = export.JsonLines().Chunk((export.Lines.Count + 2) / 3).ToList();

        // The slow instance reads the champion once, at start (v1); the quick one starts after the promotion (v2).
        using var sink = ServeProcesses.Start(export, store, As("Sink", "01:00:00"), models);
        using var slow = ServeProcesses.Start(export, TestDirectories.New("slow"), As("Stream", "01:00:00"), models);
        await Task.WhenAll(sink.WaitUntilReadyAsync(TimeSpan.FromMinutes(3)), slow.WaitUntilReadyAsync(TimeSpan.FromMinutes(3)));
        await OwnsEveryPartitionAsync(slow);
        await LogOfRecord.ReplayAsync(kafka, topics, parts[0]);
        var endOfFirst = Ends(kafka, topics);

        Promote(models, "v2");
        using var quick = ServeProcesses.Start(export, TestDirectories.New("quick"), As("Stream", "00:00:01"), models);
        await quick.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await RunningProcessor.WaitUntilAsync(async () => await quick.MetricAsync("pozytywka_assigned_partitions") > 0
            && await slow.MetricAsync("pozytywka_assigned_partitions") > 0 && await quick.MetricAsync("pozytywka_state_restoring_partitions") == 0,
            "both instances own partitions", TimeSpan.FromSeconds(60));
        var replaying = LogOfRecord.ReplayAsync(kafka, topics, parts[1]);
        var handled = await slow.MetricAsync("pozytywka_events_total");
        await RunningProcessor.WaitUntilAsync(async () => await slow.MetricAsync("pozytywka_events_total") > handled + 200, "the slow instance handles part of the second third");
        slow.Kill();
        await replaying;
        var endOfSecond = Ends(kafka, topics);
        await OwnsEveryPartitionAsync(quick);
        await LogOfRecord.ReplayAsync(kafka, topics, parts[2]);
        await WaitForEveryPlayAsync(kafka, topics);
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(GroupProgress.CommittedEverything(kafka.BootstrapServers, environment["Sink__GroupId"], topics.Predictions, Partitions)),
            "the sink has stored and committed everything", TimeSpan.FromMinutes(2));
        Assert.Equal(0, sink.Stop(TimeSpan.FromSeconds(90)));
        Assert.Equal(0, quick.Stop(TimeSpan.FromSeconds(90)));

        // Before the promotion everyone scored with v1; after the takeover everyone with v2; in between, each partition
        // with its owner's version throughout: the slow instance's, carried on by the quick one for what it took over.
        var labels = AssertOneVersionSwitchPerPartition(kafka, topics, await LogOfRecord.ReadStoreAsync(store));
        Assert.All(labels.Where(l => l.Offset < endOfFirst.GetValueOrDefault(l.Partition)), l => Assert.Equal(Old, l.Label));
        Assert.All(labels.Where(l => l.Offset >= endOfSecond.GetValueOrDefault(l.Partition)), l => Assert.Equal(New, l.Label));
        foreach (var partition in labels.Where(l => l.Offset >= endOfFirst.GetValueOrDefault(l.Partition) && l.Offset < endOfSecond.GetValueOrDefault(l.Partition))
                     .GroupBy(l => l.Partition))
            Assert.Single(partition.Select(l => l.Label).Distinct());
        Assert.Contains(labels, l => l.Label == Old && l.Offset >= endOfFirst.GetValueOrDefault(l.Partition));
        Assert.Contains(labels, l => l.Label == New && l.Offset < endOfSecond.GetValueOrDefault(l.Partition));
    }

    private static Task OwnsEveryPartitionAsync(DevTools.Processes.ServeProcess processor) =>
        RunningProcessor.WaitUntilAsync(async () => await processor.MetricAsync("pozytywka_assigned_partitions") == Partitions
            && await processor.MetricAsync("pozytywka_state_restoring_partitions") == 0, "the instance owns every partition, restored", TimeSpan.FromSeconds(60));

    /// <summary>The export's advanced bundle as v1, the champion, and a copy of it as v2 (same network, so only the label tells them apart).</summary>
    private string TwoVersions()
    {
        var models = TestDirectories.New("models");
        foreach (var version in new[] { "v1", "v2" })
        {
            var copy = Path.Combine(models, "advanced", version);
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(export.BundleDirectory))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            var manifest = Path.Combine(copy, ModelBundle.ManifestFile);
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"version\": \"v1\"", $"\"version\": \"{version}\"", StringComparison.Ordinal));
            Assert.Equal(version, ModelBundle.ReadManifest(copy).Version);
        }
        Promote(models, "v1");
        return models;
    }

    private static void Promote(string models, string version) =>
        File.WriteAllText(Path.Combine(models, ModelRegistry.ChampionsFile), JsonSerializer.Serialize(new Dictionary<string, string> { ["advanced"] = version }));

    private (List<Listening.Exports.JsonLine> First, List<Listening.Exports.JsonLine> Later) Split(double share)
    {
        var lines = export.JsonLines().ToList();
        var cut = (int)(lines.Count * share);
        return (lines[..cut], lines[cut..]);
    }

    /// <summary>Where each sessions partition ends now.</summary>
    private static Dictionary<int, long> Ends(TestKafka kafka, StreamTopics topics) =>
        TopicReader.ReadAll(kafka.BootstrapServers, topics.Sessions, topics.Partitions).GroupBy(r => r.Partition.Value)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Offset.Value) + 1);

    private async Task WaitForEveryPlayAsync(TestKafka kafka, StreamTopics topics) =>
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(LogOfRecord.PlaysLogged(kafka, topics) == (export.PlayCount, export.PlayCount)),
            $"{export.PlayCount} plays have their prediction and outcome logged", TimeSpan.FromMinutes(3));

    /// <summary>
    /// Every play has one hint content and its record in the store; each play's version, by where its PLAY stood in the
    /// log; and in every partition, in offset order, the old version and then the new one, never back.
    /// </summary>
    private List<(int Partition, long Offset, string Label)> AssertOneVersionSwitchPerPartition(TestKafka kafka, StreamTopics topics,
        IReadOnlyList<Contracts.PredictionRecord> stored)
    {
        LogOfRecord.AssertTheStoreMatchesTheLog(kafka, topics, export, stored);
        var log = TopicReader.ReadAll(kafka.BootstrapServers, topics.Sessions, topics.Partitions).Select(r => new LoggedEvent(r.Partition.Value, r.Offset.Value, r.Message.Value));
        var plays = ReferenceReconstruction.Run(log).Plays.ToDictionary(p => p.PlayId);
        var labels = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, topics.Partitions)
            .Select(m => JsonSerializer.Deserialize(m.Message.Value, ContractsJsonContext.Default.CacheHint)!)
            .DistinctBy(h => h.PlayId).Select(h => (plays[h.PlayId].Partition, plays[h.PlayId].Offset, Label: h.ModelLabel)).ToList();
        foreach (var partition in labels.GroupBy(l => l.Partition))
        {
            var inOrder = partition.OrderBy(l => l.Offset).Select(l => l.Label).ToList();
            var firstNew = inOrder.IndexOf(New);
            Assert.All(inOrder, l => Assert.Contains(l, new[] { Old, New }));
            if (firstNew >= 0)
                Assert.All(inOrder[firstNew..], l => Assert.Equal(New, l));
        }
        return labels;
    }
}
