using Confluent.Kafka;

namespace Pozytywka.DevTools.Kafka;

/// <summary>
/// Watches, from outside, whether a consumer group has committed to the end of every partition of a topic: where a
/// benchmark stops its clock, the same for every kind of consumer (every event's effects acknowledged and its
/// offset committed). One client for the whole watch, so polling does not add a client per look.
/// </summary>
public sealed class CommitWatch(string bootstrapServers, string groupId, string topic, int partitions) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<byte[]?, byte[]?> _group = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
    }).Quietly().Build();
    private readonly List<TopicPartition> _partitions = [.. Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p))];

    /// <summary>
    /// Polls every <paramref name="interval"/> until the group has committed every partition's end. Call it once the
    /// input is all written: the ends are read once, at the start.
    /// </summary>
    public async Task UntilCommittedEverythingAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var ends = _partitions.ToDictionary(p => p, p => _group.QueryWatermarkOffsets(p, Timeout).High.Value);
        while (!_group.Committed(_partitions, Timeout).All(c => c.Offset.Value == ends[c.TopicPartition]))
            await Task.Delay(interval, cancellationToken);
    }

    public void Dispose() => _group.Dispose();
}
