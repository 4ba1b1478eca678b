using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The whole processor over the Kafka protocol (real TCP): replayed export in, hints, dead letters and stored outcomes out.</summary>
[Collection(TrainedExportGroup.Name)]
public class StreamProcessorTests(TrainedExport export)
{
    private const int Partitions = 8;

    [Fact]
    public async Task Replaying_an_export_gives_one_hint_and_one_stored_outcome_per_play_and_the_trainers_accuracy()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, NewStoreDirectory(), "replay");

        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines());
        var stored = await WaitForEveryOutcomeAsync(processor);

        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, Partitions)
            .Select(m => (Key: System.Text.Encoding.UTF8.GetString(m.Message.Key!), Hint: JsonSerializer.Deserialize(m.Message.Value, ContractsJsonContext.Default.CacheHint)!))
            .ToList();
        Assert.Equal(export.PlayCount, hints.Count);
        Assert.Equal(export.PlayCount, hints.Select(h => h.Hint.PlayId).Distinct().Count());
        Assert.All(hints, h => Assert.Equal(h.Hint.TrackId, h.Key));
        Assert.All(hints, h => Assert.Equal("advanced@v1", h.Hint.ModelLabel));
        Assert.Equal(export.PlayCount, stored.Count);
        Assert.Equal(hints.Select(h => h.Hint.PlayId).Order(), stored.Select(r => r.PredictionId).Order());

        var byId = stored.ToDictionary(r => r.PredictionId);
        var online = export.TestPlayIds.Average(id => byId[id].PredictedSkip == byId[id].Outcome!.Skipped ? 1.0 : 0.0);
        Assert.Equal(export.OfflineTestAccuracy, online, 12);

        var deadLetters = TopicReader.ReadAll(kafka.BootstrapServers, topics.DeadLetter, 1);
        Assert.True(deadLetters.Count >= export.UnparseableCount, $"{deadLetters.Count} dead letters for {export.UnparseableCount} unparseable lines");
        Assert.All(deadLetters, letter =>
        {
            var info = DeadLetters.Read(letter.Message.Headers);
            Assert.Equal(topics.Sessions, info.SourceTopic);
            Assert.NotEmpty(info.Reason);
            Assert.Contains(export.Lines, line => line.AsSpan().SequenceEqual(letter.Message.Value));
        });

        using var http = new HttpClient { BaseAddress = processor.BaseAddress };
        var report = await http.GetFromJsonAsync<JsonElement>("/api/online-metrics", TestContext.Current.CancellationToken);
        var variant = Assert.Single(report.GetProperty("variants").EnumerateArray());
        Assert.Equal(export.PlayCount, variant.GetProperty("plays_scored").GetInt32());
        Assert.Equal(export.PlayCount, variant.GetProperty("outcomes_known").GetInt32());
        Assert.Equal(stored.Average(r => r.PredictedSkip == r.Outcome!.Skipped ? 1.0 : 0.0), variant.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(stored.Average(r => r.Outcome!.Skipped ? 1.0 : 0.0), variant.GetProperty("actual_skip_rate").GetDouble(), 12);

        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"pozytywka_events_total{{result=\"processed\"}} {export.Lines.Count - deadLetters.Count}", metrics, StringComparison.Ordinal);
        Assert.Contains("pozytywka_online_accuracy{model=\"advanced\",version=\"v1\",variant=\"A\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("pozytywka_event_to_hint_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("pozytywka_consumer_lag_events", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_and_restarting_mid_stream_loses_and_duplicates_nothing()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        var store = NewStoreDirectory();
        var half = export.Lines.Count / 2;

        await using (var first = await RunningProcessor.StartAsync(kafka, topics, export, store, "restart", quietPartitionTimeout: TimeSpan.FromHours(1)))
        {
            using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
                replayer.Replay(export.JsonLines(take: half));
            await RunningProcessor.WaitUntilAsync(() => Task.FromResult(first.EventsHandled >= half), "the first half is handled");
            await first.StopAsync();
        }

        await using var second = await RunningProcessor.StartAsync(kafka, topics, export, store, "restart");
        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines(skip: half));
        var stored = await WaitForEveryOutcomeAsync(second);

        Assert.True(second.Metrics.RestoredListeners.Value > 0, "the second processor restored its partitions' state from the changelog");
        Assert.Equal(export.Lines.Count - half, second.EventsHandled);
        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, Partitions);
        Assert.Equal(export.PlayCount, hints.Count);
        Assert.Equal(export.PlayCount, stored.Count);
        var byId = stored.ToDictionary(r => r.PredictionId);
        var online = export.TestPlayIds.Average(id => byId[id].PredictedSkip == byId[id].Outcome!.Skipped ? 1.0 : 0.0);
        Assert.Equal(export.OfflineTestAccuracy, online, 12);
    }

    [Fact]
    public async Task A_broker_outage_mid_stream_ends_no_session_early_and_loses_nothing_once_the_broker_is_back()
    {
        await using var kafka = await TestKafka.StartAsync();
        if (kafka.Mock is not { } cluster)
        {
            Assert.Skip($"taking a broker down needs the embedded mock cluster; this run uses {kafka.Kind}");
            return;
        }
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        // Partitions go quiet after 2 s, far within the outage: the sessions of those cut off must not end, or their
        // later events would be dead-lettered as late, since the broker cannot confirm those partitions are read.
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, NewStoreDirectory(), "outage", extra: new Dictionary<string, string?>
        {
            ["Kafka:ProducerRetry:MessageTimeout"] = "00:00:02",
        });
        var half = export.Lines.Count / 2;
        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines(take: half));
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.EventsHandled >= half), "the first half is handled");

        cluster.SetBrokerDown(2);
        var secondHalf = Task.Run(() =>
        {
            using var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions);
            return replayer.Replay(export.JsonLines(skip: half));
        }, TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        cluster.SetBrokerUp(2);
        await secondHalf;
        var stored = await WaitForEveryOutcomeAsync(processor);

        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, Partitions);
        var hintedPlays = hints.Select(m => JsonSerializer.Deserialize(m.Message.Value, ContractsJsonContext.Default.CacheHint)!.PlayId).Distinct().Count();
        Assert.Equal(export.PlayCount, hintedPlays);
        Assert.Equal(export.PlayCount, stored.Count);
        var byId = stored.ToDictionary(r => r.PredictionId);
        var online = export.TestPlayIds.Average(id => byId[id].PredictedSkip == byId[id].Outcome!.Skipped ? 1.0 : 0.0);
        Assert.Equal(export.OfflineTestAccuracy, online, 12);
    }

    [Fact]
    public async Task Sessions_of_a_partition_cut_off_by_an_outage_stay_open_until_the_broker_confirms_nothing_is_left_to_read()
    {
        await using var kafka = await TestKafka.StartAsync();
        if (kafka.Mock is not { } cluster)
        {
            Assert.Skip($"taking a broker down needs the embedded mock cluster; this run uses {kafka.Kind}");
            return;
        }
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, NewStoreDirectory(), "quiet", quietPartitionTimeout: TimeSpan.FromSeconds(5));
        var cutOff = PartitionsLedBy(kafka.BootstrapServers, topics.Sessions, broker: 2);
        Assert.InRange(cutOff, 1, Partitions - 1);
        var track = export.Catalog.Tracks.Keys.Order(StringComparer.Ordinal).First();
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            // One listener per partition, each with a PLAY and nothing after it: only a quiet partition can end the session.
            for (var partition = 0; partition < Partitions; partition++)
            {
                var play = $$"""{"timestamp": "2023-01-03T05:09:55", "user_id": {{9000 + partition}}, "track_id": "{{track}}", "event_type": "PLAY", "session_id": {{90_000 + partition}}}""";
                producer.Produce(new TopicPartition(topics.Sessions, partition), new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes($"{9000 + partition}"), Value = Encoding.UTF8.GetBytes(play) });
            }
            producer.Flush(TestContext.Current.CancellationToken);
        }
        double OpenSessions() => processor.Metrics.StateEntries.WithLabels("open_sessions").Value;
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(OpenSessions() == Partitions), "every PLAY has opened its session");

        cluster.SetBrokerDown(2);
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(OpenSessions() == cutOff), $"only the {cutOff} sessions of broker 2's partitions are open");
        for (var sample = 0; sample < 30; sample++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            Assert.Equal(cutOff, OpenSessions());
        }
        cluster.SetBrokerUp(2);
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(OpenSessions() == 0), "every session has ended");

        List<PredictionRecord> stored = [];
        await RunningProcessor.WaitUntilAsync(async () => (stored = await processor.ReadStoreAsync()).Count(r => r.Outcome is not null) == Partitions, "every play's outcome is stored");
        Assert.All(stored, r => Assert.Equal((false, PlayClosedBy.SessionEnd), (r.Outcome!.Skipped, r.Outcome.ClosedBy)));
    }

    [Fact]
    public async Task A_quiet_partition_keeps_its_sessions_open_while_producers_may_still_send_what_they_held_back()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, NewStoreDirectory(), "backlog", quietPartitionTimeout: TimeSpan.FromSeconds(1),
            extra: new Dictionary<string, string?> { ["Streaming:ProducerRetryWindow"] = "00:00:08" });
        var track = export.Catalog.Tracks.Keys.Order(StringComparer.Ordinal).First();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        void Send(string type)
        {
            var value = $$"""{"timestamp": "2023-01-03T05:09:55", "user_id": 9100, "track_id": "{{track}}", "event_type": "{{type}}", "session_id": 91000}""";
            producer.Produce(new TopicPartition(topics.Sessions, 0), new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("9100"), Value = Encoding.UTF8.GetBytes(value) });
            producer.Flush(TestContext.Current.CancellationToken);
        }
        double OpenSessions() => processor.Metrics.StateEntries.WithLabels("open_sessions").Value;

        Send("PLAY");
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(OpenSessions() == 1), "the PLAY has opened its session");
        // Quiet for three times the quiet timeout and read to its end, but within the producers' retry window.
        for (var sample = 0; sample < 15; sample++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            Assert.Equal(1, OpenSessions());
        }
        Send("SKIP");

        List<PredictionRecord> stored = [];
        await RunningProcessor.WaitUntilAsync(async () => (stored = await processor.ReadStoreAsync()).Any(r => r.Outcome is not null), "the play's outcome is stored");
        Assert.Equal((true, PlayClosedBy.Skip), (stored.Single().Outcome!.Skipped, stored.Single().Outcome!.ClosedBy));
        Assert.Empty(TopicReader.ReadAll(kafka.BootstrapServers, topics.DeadLetter, 1));
    }

    private static int PartitionsLedBy(string bootstrapServers, string topic, int broker)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count(p => p.Leader == broker);
    }

    private async Task<List<PredictionRecord>> WaitForEveryOutcomeAsync(RunningProcessor processor)
    {
        List<PredictionRecord> stored = [];
        await RunningProcessor.WaitUntilAsync(async () =>
        {
            stored = await processor.ReadStoreAsync();
            return stored.Count == export.PlayCount && stored.All(r => r.Outcome is not null);
        }, $"{export.PlayCount} plays are stored with their outcomes");
        return stored;
    }

    private static string NewStoreDirectory() => TestDirectories.New("store");
}
