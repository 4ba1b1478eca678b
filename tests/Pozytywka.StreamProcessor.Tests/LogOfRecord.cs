using Pozytywka.DevTools.Kafka;
using System.Text;
using System.Text.Json;
using Pozytywka.Contracts.Json;
using Pozytywka.Listening.Exports;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.Trainer.Training;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>What Kafka as the log of record promises after a crash or a rebalance, set up and checked alike by every process test.</summary>
public static class LogOfRecord
{
    /// <summary>
    /// A real `serve` process on these topics. Small batches and commits every 2 s, so that acknowledged but
    /// uncommitted effects are certain at a kill; sessions end 3 s after their last event, so every outcome is known.
    /// </summary>
    public static Dictionary<string, string> ProcessEnvironment(TestKafka kafka, StreamTopics topics, string groupId) => new()
    {
        ["Kafka__BootstrapServers"] = kafka.BootstrapServers,
        ["Kafka__FetchWaitMax"] = "00:00:00.005",
        ["Kafka__GroupId"] = groupId,
        ["Kafka__SessionsTopic"] = topics.Sessions,
        ["Kafka__CacheHintsTopic"] = topics.Hints,
        ["Kafka__DeadLetterTopic"] = topics.DeadLetter,
        ["Kafka__PredictionsTopic"] = topics.Predictions,
        ["Kafka__StateChangelogTopic"] = topics.StateChangelog,
        ["Sink__GroupId"] = $"{groupId}-sink",
        ["Streaming__QuietPartitionTimeout"] = "00:00:03",
        ["Streaming__MaxBatchSize"] = "20",
        ["Streaming__CommitInterval"] = "00:00:02",
    };

    /// <summary>
    /// Every PLAY has a hint and all copies of a play's hint, and of its prediction record, are byte-identical; the
    /// store holds exactly one record per play, with the outcome the Trainer's replay gives. Returns how many hint
    /// messages the topic holds, copies included.
    /// </summary>
    public static async Task<int> AssertEveryPlayHintedAlikeAndStoredOnceAsync(TestKafka kafka, StreamTopics topics, TrainedExport export, string storeDirectory)
    {
        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, topics.Partitions);
        var hintsByPlay = hints.GroupBy(h => JsonSerializer.Deserialize(h.Message.Value, ContractsJsonContext.Default.CacheHint)!.PlayId).ToList();
        Assert.Equal(export.PlayCount, hintsByPlay.Count);
        Assert.All(hintsByPlay, copies => Assert.Single(copies.Select(c => Convert.ToBase64String(c.Message.Value!)).Distinct()));

        var predictions = TopicReader.ReadAll(kafka.BootstrapServers, topics.Predictions, topics.Partitions)
            .Where(m => Encoding.UTF8.GetString(m.Message.Key!).EndsWith("/prediction", StringComparison.Ordinal))
            .GroupBy(m => Encoding.UTF8.GetString(m.Message.Key!));
        Assert.All(predictions, copies => Assert.Single(copies.Select(c => Convert.ToBase64String(c.Message.Value!)).Distinct()));

        var expected = PlayDataset.Replay(new ExportDirectory(export.Directory), export.Catalog, new FaultLog())
            .ToDictionary(p => p.Input.Play.PlayId, p => p.Skipped);
        using var stored = new LiteDbPredictionStore(new StoreOptions { DataDirectory = storeDirectory }.LiteDbPath);
        var records = await stored.ReadAsync(new PredictionQuery(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), records.Select(r => r.PredictionId).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(expected[r.PredictionId], r.Outcome!.Skipped));
        return hints.Count;
    }
}
