using Confluent.Kafka;
using Pozytywka.Contracts;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// The outcome sink over the Kafka protocol into a real LiteDB file: one bad record never stalls it (it goes to the
/// sink's dead letters with the reason), and a play erased stays erased whatever of it the topic still delivers.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class OutcomeSinkTests(TrainedExport export)
{
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 9, 55, DateTimeKind.Utc);

    [Fact]
    public async Task A_record_the_store_refuses_for_good_and_an_unreadable_one_go_to_the_sinks_dead_letters_and_the_records_after_them_are_stored()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, partitions: 1);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("store"), "sink-refusals");
        // LiteDB indexes ids of up to 1,023 bytes: this one it refuses, however often it is written.
        var refused = PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction(new string('x', 2_000))));
        var unreadable = new Message<byte[]?, byte[]?> { Key = "not-a-play"u8.ToArray(), Value = "{ not json"u8.ToArray() };
        Send(kafka, topics, [
            PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction("before"))), refused, unreadable,
            PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction("after"))), PredictionLogMessages.Create(PredictionLogEntry.Of(Outcome("before")))]);

        List<PredictionRecord> stored = [];
        await RunningProcessor.WaitUntilAsync(async () => (stored = await processor.ReadStoreAsync()).Count == 2 && stored.All(r => r.PredictionId == "after" || r.Outcome is not null),
            "the records around the bad ones are stored");
        Assert.Equal(["after", "before"], stored.Select(r => r.PredictionId).Order());
        var letters = TopicReader.ReadAll(kafka.BootstrapServers, topics.PredictionsDeadLetter, 1);
        var read = letters.Select(l => DeadLetters.Read(l.Message.Headers)).ToList();
        Assert.Equal([("StoreRejected", 1L), ("Unreadable", 2L)], read.Select(l => (l.Kind, l.SourceOffset)));
        Assert.All(read, l => Assert.Equal(topics.Predictions, l.SourceTopic));
        Assert.Contains("Index key", read[0].Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([refused.Value, unreadable.Value], letters.Select(l => l.Message.Value));
        Assert.Equal(2, processor.Metrics.SinkDeadLettered.Value);
    }

    [Fact]
    public async Task An_outcome_or_prediction_of_an_erased_play_that_arrives_after_the_erasure_leaves_nothing()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, partitions: 1);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("store"), "sink-erasure");
        Send(kafka, topics, [PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction("erased"))), .. PredictionLogMessages.Tombstones("erased"),
            PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction("first-marker")))]);
        await RunningProcessor.WaitUntilAsync(async () => await processor.Store.FindAsync("first-marker") is not null, "the erasure is stored");

        // In a later batch: the play's outcome closing late, then its prediction again (a replay).
        Send(kafka, topics, [PredictionLogMessages.Create(PredictionLogEntry.Of(Outcome("erased"))), PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction("erased"))),
            PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction("second-marker")))]);
        await RunningProcessor.WaitUntilAsync(async () => await processor.Store.FindAsync("second-marker") is not null, "the later records are stored");

        Assert.Null(await processor.Store.FindAsync("erased", TestContext.Current.CancellationToken));
        Assert.Equal(["first-marker", "second-marker"], (await processor.ReadStoreAsync()).Select(r => r.PredictionId).Order());
    }

    [Fact]
    public async Task A_partition_revoked_while_a_sink_fills_its_batch_is_stored_by_its_next_owner_alone_which_applies_the_erasures_that_follow()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, partitions: 2);
        // Plays 0-* live in partition 0, 1-* in partition 1; of each partition one play is erased once the second sink owns its partition.
        string[][] plays = [[.. Enumerable.Range(0, 20).Select(i => $"0-{i}")], [.. Enumerable.Range(0, 20).Select(i => $"1-{i}")]];
        string[] erased = ["0-7", "1-7"];
        Dictionary<string, string?> Sink(TimeSpan maxBatchWait) => new()
        {
            ["Processor:Role"] = "Sink", ["Sink:MaxBatchWait"] = maxBatchWait.ToString("c"), ["Sink:MaxBatchSize"] = "100000",
            // The group waits for its members to rejoin for up to their session timeout: a short one keeps the rebalance inside the batch.
            ["Kafka:SessionTimeout"] = "00:00:06",
        };

        // The first sink owns both partitions (it has measured their lag) before anything arrives; then it takes every record
        // into one batch that it keeps filling for long after: the rebalance lands inside that batch.
        await using var first = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("first"), "sink-revoke", extra: Sink(TimeSpan.FromSeconds(40)));
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(first.Metrics.SinkLag.GetAllLabelValues().Count() == 2), "the first sink owns both partitions");
        for (var partition = 0; partition < 2; partition++)
            Send(kafka, topics, plays[partition].Select(id => PredictionLogMessages.Create(PredictionLogEntry.Of(Prediction(id)))), partition);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        await using var second = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("second"), "sink-revoke", extra: Sink(TimeSpan.FromMilliseconds(50)));
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(second.Metrics.SinkStored.Value >= plays[0].Length), "the second sink stores the partition it took over");
        Assert.Equal(0, first.Metrics.SinkStored.Value);
        for (var partition = 0; partition < 2; partition++)
            Send(kafka, topics, PredictionLogMessages.Tombstones(erased[partition]), partition);
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(first.Metrics.SinkStored.Value > 0 && second.Metrics.SinkStored.Value > plays[0].Length),
            "the first sink ends its batch and the second applies its erasure", TimeSpan.FromSeconds(60));

        var (kept, moved) = ((await first.ReadStoreAsync()).Select(r => r.PredictionId).ToList(), (await second.ReadStoreAsync()).Select(r => r.PredictionId).ToList());
        var movedPartition = moved[0][0] - '0';
        Assert.Equal(plays[1 - movedPartition].Except(erased).Order(), kept.Order());
        Assert.Equal(plays[movedPartition].Except(erased).Order(), moved.Order());
    }

    private static void Send(TestKafka kafka, StreamTopics topics, IEnumerable<Message<byte[]?, byte[]?>> messages, int partition = 0)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        foreach (var message in messages)
            producer.Produce(new TopicPartition(topics.Predictions, partition), message);
        producer.Flush(TestContext.Current.CancellationToken);
    }

    private static PredictionRecord Prediction(string id) => new(id, PredictionSource.Stream, "advanced", "v1", "A", 0.7, true,
        new PredictionInputs("track-1", 101, 7, 3, 1, false, false, true, ["rock"]), T0, T0.AddMilliseconds(4), null, null);

    private static PlayOutcome Outcome(string id) => new(id, 7, 101, "track-1", true, false, 42.5, T0, T0.AddSeconds(42.5), PlayClosedBy.Skip);
}
