using Pozytywka.Contracts;
using Pozytywka.DevTools.Faults;
using Pozytywka.DevTools.Kafka;
using Pozytywka.DevTools.Processes;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Streaming;
using Pozytywka.Reference;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>What Kafka as the log of record promises after a crash or a rebalance, set up and checked alike by every process test.</summary>
public static class LogOfRecord
{
    /// <summary>
    /// A real `serve` process on these topics. Small batches and commits every 2 s, so that acknowledged but
    /// uncommitted effects are certain at a kill; sessions end 3 s after their last event, so every outcome is known.
    /// </summary>
    public static Dictionary<string, string> ProcessEnvironment(TestKafka kafka, StreamTopics topics, string groupId) => new ProcessorSettings()
        .Set<KafkaOptions>(nameof(KafkaOptions.BootstrapServers), kafka.BootstrapServers)
        .Set<KafkaOptions>(nameof(KafkaOptions.FetchWaitMax), MockKafkaCluster.FetchWaitMax)
        .Group(groupId)
        .Topics(topics.Sessions, topics.Hints, topics.Predictions, topics.DeadLetter, topics.PredictionsDeadLetter, topics.StateChangelog)
        .QuietClose(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1))
        .Set<StreamingOptions>(nameof(StreamingOptions.MaxBatchSize), 20)
        .Set<StreamingOptions>(nameof(StreamingOptions.CommitInterval), TimeSpan.FromSeconds(2))
        .ToEnvironment();

    /// <summary>
    /// Judged against the test code's reference reconstruction of what the sessions topic holds (each partition in
    /// offset order): every play has its hint, all copies of a hint or prediction record are byte-identical, and the
    /// store holds one record per play and no other, carrying its hint's prediction and its real outcome. Returns how
    /// many hint messages the topic holds, copies included.
    /// </summary>
    public static int AssertTheStoreMatchesTheLog(TestKafka kafka, StreamTopics topics, TrainedExport export, IReadOnlyList<PredictionRecord> stored)
    {
        var log = TopicReader.ReadAll(kafka.BootstrapServers, topics.Sessions, topics.Partitions).Select(r => new LoggedEvent(r.Partition.Value, r.Offset.Value, r.Message.Value));
        var expected = ReferenceReconstruction.Run(log).Plays;
        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, topics.Partitions);
        var verdict = new FaultVerdict(expected, ExportFacts.TrackIds(export.Directory), hints,
            TopicReader.ReadAll(kafka.BootstrapServers, topics.Predictions, topics.Partitions), stored);

        Assert.True(expected.Count > 0, "the reference found no plays in the sessions topic");
        Assert.Empty(verdict.Lost);
        Assert.Empty(verdict.Differing);
        Assert.Equal(expected.Count, verdict.Stored);
        return hints.Count;
    }

    /// <summary>Replays these lines into the sessions topic at 2,000 events/s, a live pace, on a thread of its own.</summary>
    public static Task<long> ReplayAsync(TestKafka kafka, StreamTopics topics, IEnumerable<Listening.Exports.JsonLine> lines) => Task.Run(() =>
    {
        using var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions);
        return replayer.Replay(lines, eventsPerSecond: 2_000);
    }, TestContext.Current.CancellationToken);

    /// <summary>How many plays have a prediction, and how many an outcome, on the predictions topic now.</summary>
    public static (int Predictions, int Outcomes) PlaysLogged(TestKafka kafka, StreamTopics topics)
    {
        var keys = TopicReader.ReadAll(kafka.BootstrapServers, topics.Predictions, topics.Partitions).Select(m => System.Text.Encoding.UTF8.GetString(m.Message.Key!)).ToHashSet();
        return (keys.Count(k => k.EndsWith("/prediction", StringComparison.Ordinal)), keys.Count(k => k.EndsWith("/outcome", StringComparison.Ordinal)));
    }

    public static async Task<List<PredictionRecord>> ReadStoreAsync(string storeDirectory)
    {
        using var store = new LiteDbPredictionStore(new StoreOptions { DataDirectory = storeDirectory }.LiteDbPath);
        return await store.ReadAsync(new PredictionQuery(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }
}
