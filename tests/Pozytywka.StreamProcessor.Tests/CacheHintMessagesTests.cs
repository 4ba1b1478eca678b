using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

public class CacheHintMessagesTests
{
    [Fact]
    public async Task Hints_arrive_keyed_by_track_with_the_documented_json_shape()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topic = await kafka.CreateTopicAsync("cache-hints", partitions: 3);
        var now = new DateTime(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);
        var hints = Enumerable.Range(0, 30).Select(i => new CacheHint($"7-{i}", 7, $"track-{i % 5}", i / 30.0,
            (CacheDecision)(i % 3), "advanced@v1", "A", "SLOW", now, now.AddMilliseconds(3))).ToList();

        using (var producer = new ReliableProducer(kafka.BootstrapServers))
            await producer.ProduceAllAsync(hints.Select(h => new Outgoing(topic, CacheHintMessages.Create(h))), TestContext.Current.CancellationToken);

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "hints-test" }).Build();
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var received = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < hints.Count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                received.Add(result);
        }

        Assert.Equal(hints.Count, received.Count);
        Assert.All(received, r => Assert.Equal(JsonSerializer.Deserialize(r.Message.Value, ContractsJsonContext.Default.CacheHint)!.TrackId, r.Message.Key));
        Assert.All(received.GroupBy(r => r.Message.Key), track => Assert.Single(track.Select(r => r.Partition.Value).Distinct()));
        Assert.Equal(hints.OrderBy(h => h.PlayId, StringComparer.Ordinal),
            received.Select(r => JsonSerializer.Deserialize(r.Message.Value, ContractsJsonContext.Default.CacheHint)!).OrderBy(h => h.PlayId, StringComparer.Ordinal));
        using var json = JsonDocument.Parse(received[0].Message.Value);
        Assert.Contains(json.RootElement.GetProperty("decision").GetString(), new[] { "PREFETCH", "NO_PREFETCH", "EVICT" });
        Assert.True(json.RootElement.TryGetProperty("completion_probability", out _));
        Assert.Equal("advanced@v1", json.RootElement.GetProperty("model").GetString());
        Assert.False(json.RootElement.TryGetProperty("user_id", out _), "a hint names no listener");
    }

    /// <summary>The hint as consumers written before plan version 1 read it.</summary>
    private sealed record HintBeforePlans(string PlayId, string TrackId, double CompletionProbability, CacheDecision Decision, string Model);

    private static readonly JsonSerializerOptions ConsumerBeforePlans = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter<CacheDecision>() },
    };

    [Fact]
    public void The_plan_field_is_versioned_and_consumers_written_before_it_keep_working()
    {
        var now = new DateTime(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);
        var planned = new CacheHint("7-1", 7, "track-1", 0.3, CacheDecision.NoPrefetch, "advanced@v1", "A", "SLOW", now, now,
            new PrefetchPlan(PrefetchPlan.CurrentVersion, [new BufferStep(0, 10), new BufferStep(42.5, 60)]), ExpectedHeardShare: 0.71);
        var bytes = CacheHintMessages.Create(planned).Value!;

        Assert.Equal(planned, JsonSerializer.Deserialize(bytes, ContractsJsonContext.Default.CacheHint));
        using var json = JsonDocument.Parse(bytes);
        var plan = json.RootElement.GetProperty("plan");
        Assert.Equal(1, plan.GetProperty("version").GetInt32());
        Assert.Equal(42.5, plan.GetProperty("steps")[1].GetProperty("from_second").GetDouble());
        Assert.Equal(60, plan.GetProperty("steps")[1].GetProperty("buffer_ahead_seconds").GetDouble());
        Assert.Equal(0.71, json.RootElement.GetProperty("expected_heard_share").GetDouble());

        var old = JsonSerializer.Deserialize<HintBeforePlans>(bytes, ConsumerBeforePlans)!;
        Assert.Equal(("7-1", "track-1", 0.3, CacheDecision.NoPrefetch, "advanced@v1"), (old.PlayId, old.TrackId, old.CompletionProbability, old.Decision, old.Model));

        var written = JsonSerializer.SerializeToNode(planned, ContractsJsonContext.Default.CacheHint)!.AsObject();
        written.Remove("plan");
        written.Remove("expected_heard_share");
        var fromOlderProducer = JsonSerializer.Deserialize(written.ToJsonString(), ContractsJsonContext.Default.CacheHint)!;
        Assert.Null(fromOlderProducer.Plan);
        Assert.Null(fromOlderProducer.ExpectedHeardShare);
    }
}
