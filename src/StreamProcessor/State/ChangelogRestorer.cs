using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.Listening.State;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.State;

/// <summary>What the changelog held for one partition: its listeners.</summary>
public sealed record RestoredPartition(int Partition, IReadOnlyList<RestoredListener> Listeners, long Records, int Unreadable);

/// <summary>
/// Reads partitions of the state changelog from their start to their end, as they stand when the read begins,
/// keeping the latest record of each key (what compaction keeps), with a consumer of its own that commits nothing.
/// It runs off the consume loop's thread; the time it takes grows with the listeners the partitions hold, since
/// compaction bounds the changelog by its keys, not by the age of <c>sessions</c>.
/// </summary>
public sealed class ChangelogRestorer(IOptions<KafkaOptions> kafka, ILogger<ChangelogRestorer> log)
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(30);

    public Task<IReadOnlyList<RestoredPartition>> RestoreAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<RestoredPartition>>(() => Restore(partitions, cancellationToken), cancellationToken);

    private List<RestoredPartition> Restore(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        var topic = kafka.Value.ChangelogTopic;
        using var reader = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = kafka.Value.BootstrapServers,
            GroupId = $"{kafka.Value.GroupId}-state-restore",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            FetchWaitMaxMs = (int)kafka.Value.FetchWaitMax.TotalMilliseconds,
        }).Build();

        var latest = partitions.ToDictionary(p => p, _ => new Dictionary<string, byte[]>());
        var records = partitions.ToDictionary(p => p, _ => 0L);
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var partition in partitions.Select(p => new TopicPartition(topic, p)))
        {
            var (low, high) = reader.QueryWatermarkOffsets(partition, BrokerTimeout) switch { var w => (w.Low.Value, w.High.Value) };
            if (low > 0)
                log.ChangelogIncomplete(partition.ToString(), low);
            if (high > low)
                ends[partition] = high;
        }
        reader.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var lastProgress = Stopwatch.StartNew();
        while (ends.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (lastProgress.Elapsed > BrokerTimeout)
                throw new TimeoutException($"reading the changelog {string.Join(", ", ends.Keys)} made no progress for {BrokerTimeout}");
            if (reader.Consume(TimeSpan.FromMilliseconds(100)) is not { } result)
                continue;
            lastProgress.Restart();
            var partition = result.TopicPartition;
            if (!result.IsPartitionEOF && result.Offset.Value < ends.GetValueOrDefault(partition))
            {
                StateChangelogMessages.Fold(latest[partition.Partition.Value], result.Message.Key, result.Message.Value);
                records[partition.Partition.Value]++;
            }
            if (result.IsPartitionEOF || result.Offset.Value + 1 >= ends.GetValueOrDefault(partition))
                ends.Remove(partition);
        }
        reader.Close();
        return partitions.Select(p => new RestoredPartition(p, StateChangelogMessages.Listeners(latest[p], out var unreadable), records[p], unreadable)).ToList();
    }
}
