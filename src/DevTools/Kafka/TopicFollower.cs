using Confluent.Kafka;

namespace Pozytywka.DevTools.Kafka;

/// <summary>
/// Reads a topic from its beginning and keeps up with it: each <see cref="CatchUp"/> adds what arrived since the
/// last, so a long check need not read the whole topic again every time. Not thread-safe.
/// </summary>
public sealed class TopicFollower : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _messages = [];

    public TopicFollower(string bootstrapServers, string topic, int partitions)
    {
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"follower-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).Quietly().Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
    }

    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Messages => _messages;

    /// <summary>Reads until nothing new has come for a moment; returns the messages it added.</summary>
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> CatchUp()
    {
        var added = new List<ConsumeResult<byte[]?, byte[]?>>();
        while (_consumer.Consume(Quiet) is { } result)
        {
            if (!result.IsPartitionEOF)
                added.Add(result);
        }
        _messages.AddRange(added);
        return added;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
