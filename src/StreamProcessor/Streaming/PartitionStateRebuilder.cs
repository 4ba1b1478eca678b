using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// State handover by replay. A partition's state (open sessions, listener history) is a pure function of its
/// events in order, so a consumer that is assigned a partition rebuilds it by reading the partition from its
/// beginning up to the group's committed offset, feeding the events through reconstruction without scoring
/// or emitting anything (their effects are already durable), and then carries on from the committed offset.
/// The result is exactly the state the previous owner had at that offset, so no play is lost or counted twice.
/// Replay costs one read of the partition's retained log per assignment; events already deleted by retention
/// cannot be replayed, and that is logged.
/// </summary>
public sealed class PartitionStateRebuilder(IOptions<KafkaOptions> kafka, StreamMetrics metrics, ILogger<PartitionStateRebuilder> log)
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(30);

    public void Rebuild(IConsumer<byte[]?, byte[]?> owner, IReadOnlyCollection<TopicPartition> assigned, PlayScoringPipeline pipeline)
    {
        var targets = owner.Committed(assigned, BrokerTimeout)
            .Where(committed => committed.Offset.Value > 0)
            .ToDictionary(committed => committed.TopicPartition, committed => committed.Offset.Value);
        if (targets.Count == 0)
            return;

        using var reader = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = kafka.Value.BootstrapServers,
            GroupId = $"{kafka.Value.GroupId}-state-rebuild",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        foreach (var (partition, _) in targets)
        {
            var low = reader.QueryWatermarkOffsets(partition, BrokerTimeout).Low.Value;
            if (low > 0)
                log.RebuildIncomplete(partition.ToString(), low);
        }
        reader.Assign(targets.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var remaining = new HashSet<TopicPartition>(targets.Keys);
        var replayed = 0;
        var deadline = DateTime.UtcNow + BrokerTimeout;
        while (remaining.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"rebuilding the state of {string.Join(", ", remaining)} took longer than {BrokerTimeout}");
            if (reader.Consume(TimeSpan.FromMilliseconds(200)) is { } result
                && remaining.Contains(result.TopicPartition) && result.Offset.Value < targets[result.TopicPartition])
            {
                pipeline.Rebuild([result.ToIncoming()]);
                replayed++;
                deadline = DateTime.UtcNow + BrokerTimeout;
            }
            remaining.RemoveWhere(partition => reader.Position(partition).Value >= targets[partition]);
        }
        metrics.RebuiltEvents.Inc(replayed);
        log.Rebuilt(string.Join(", ", targets.Keys), replayed);
    }
}
