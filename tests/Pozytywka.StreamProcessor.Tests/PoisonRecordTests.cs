using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts.Json;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>One record that can never be published, or never be used, must not stop anything behind it.</summary>
[Collection(TrainedExportGroup.Name)]
public class PoisonRecordTests(TrainedExport export)
{
    private const int Partitions = 4;

    [Fact]
    public async Task A_message_the_broker_refuses_for_good_is_returned_at_once_and_the_others_are_delivered()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topic = await kafka.CreateTopicAsync("poison", partitions: 1);
        using var producer = new ReliableProducer(kafka.BootstrapServers);
        Outgoing Message(int bytes) => new(topic, new Message<byte[]?, byte[]?> { Value = new byte[bytes] });

        var refused = await producer.ProduceAllAsync([Message(10), Message(1_100_000), Message(20)], TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var only = Assert.Single(refused);
        Assert.Equal(1_100_000, only.Message.Message.Value!.Length);
        Assert.Equal(ErrorCode.MsgSizeTooLarge, only.Error.Code);
        Assert.Equal([10, 20], TopicReader.ReadAll(kafka.BootstrapServers, topic, 1).Select(m => m.Message.Value!.Length).Order());
    }

    [Fact]
    public async Task A_1_MB_event_in_the_middle_of_a_replay_is_dead_lettered_bounded_and_every_play_around_it_is_hinted()
    {
        await using var kafka = await TestKafka.StartAsync();
        var topics = await StreamTopics.CreateAsync(kafka, Partitions);
        await using var processor = await RunningProcessor.StartAsync(kafka, topics, export, TestDirectories.New("store"), "poison");
        var half = export.Lines.Count / 2;
        var poison = Encoding.UTF8.GetBytes($$"""{"timestamp": "2024-01-01T00:00:00", "user_id": 101, "track_id": "{{new string('x', 1_100_000)}}", "event_type": "PLAY", "session_id": 1}""");

        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines(take: half));
        using (var big = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, MessageMaxBytes = 2_000_000 }).Build())
            await big.ProduceAsync(topics.Sessions, new Message<byte[]?, byte[]?> { Key = "101"u8.ToArray(), Value = poison }, TestContext.Current.CancellationToken);
        using (var replayer = new SessionReplayer(kafka.BootstrapServers, topics.Sessions))
            replayer.Replay(export.JsonLines(skip: half));

        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(processor.Metrics.HintsPublished() >= export.PlayCount && processor.EventsHandled >= export.Lines.Count + 1),
            "every play around the poison event is hinted", TimeSpan.FromSeconds(60));
        var hints = TopicReader.ReadAll(kafka.BootstrapServers, topics.Hints, Partitions)
            .Select(m => JsonSerializer.Deserialize(m.Message.Value, ContractsJsonContext.Default.CacheHint)!.PlayId).Distinct().Count();
        Assert.Equal(export.PlayCount, hints);

        var letter = Assert.Single(TopicReader.ReadAll(kafka.BootstrapServers, topics.DeadLetter, 1), m => m.Message.Headers.TryGetLastBytes(DeadLetters.OriginalBytesHeader, out _));
        Assert.Equal("TooLarge", DeadLetters.Read(letter.Message.Headers).Kind);
        Assert.Equal(DeadLetters.MaxValueBytes, letter.Message.Value!.Length);
        Assert.Equal(poison.AsSpan(0, DeadLetters.MaxValueBytes).ToArray(), letter.Message.Value);
        Assert.True(letter.Message.Headers.TryGetLastBytes(DeadLetters.OriginalBytesHeader, out var original));
        Assert.Equal(poison.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(original));
    }
}
