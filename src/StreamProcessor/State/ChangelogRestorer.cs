using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// What the changelog held for one partition, the epoch its new owner claimed above everything it held, and the end
/// the <c>sessions</c> partition had before the claim (no former owner can have scored an event past it before then).
/// </summary>
public sealed record RestoredPartition(int Partition, ChangelogContents Contents, int Epoch, long Records, long SessionsEnd);

/// <summary>
/// Reads partitions of the state changelog from their start to their end, as they stand when the read begins,
/// keeping the latest record of each key (what compaction keeps), with a consumer of its own that commits nothing;
/// then claims each partition for its new owner: an <see cref="OwnerClaim"/> one epoch above the highest the
/// partition held, acknowledged before the state is handed over, so every record the new owner writes outranks
/// whatever a former owner still gets in later. The keys the contents retire are deleted with the claim. The end of
/// each <c>sessions</c> partition is read after the changelog, before the claim.
/// It runs off the consume loop's thread; the time it takes grows with the listeners the partitions hold, since
/// compaction bounds the changelog by its keys, not by the age of <c>sessions</c>.
/// </summary>
public sealed class ChangelogRestorer(ReliableProducer producer, IOptions<KafkaOptions> kafka, ILogger<ChangelogRestorer> log)
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(30);

    /// <param name="claiming">Called when the claims are sent: from then on the restore waits for the broker's acknowledgement.</param>
    public async Task<IReadOnlyList<RestoredPartition>> RestoreAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken,
        Action? claiming = null)
    {
        var read = await Task.Run(() => Read(partitions, cancellationToken), cancellationToken);
        var restored = read.ConvertAll(r => Claimed(r.Partition, ChangelogContents.Read(r.Latest), r.Records, r.SessionsEnd));
        claiming?.Invoke();
        var refused = await producer.ProduceAllAsync(restored.SelectMany(Claim), cancellationToken);
        if (refused.Count > 0)
            throw new KafkaException(refused[0].Error);
        return restored;
    }

    private static RestoredPartition Claimed(int partition, ChangelogContents contents, long records, long sessionsEnd) =>
        new(partition, contents, contents.HighestEpoch + 1, records, sessionsEnd);

    private IEnumerable<Outgoing> Claim(RestoredPartition restored)
    {
        var topic = kafka.Value.ChangelogTopic;
        yield return StateChangelogMessages.Keyed(topic, restored.Partition, StateChangelogMessages.OwnerKey, StateChangelogMessages.Claim(restored.Epoch));
        foreach (var key in restored.Contents.Retired)
            yield return StateChangelogMessages.Keyed(topic, restored.Partition, key, null);
    }

    private List<(int Partition, Dictionary<string, byte[]> Latest, long Records, long SessionsEnd)> Read(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
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
        var sessionsEnds = partitions.ToDictionary(p => p,
            p => reader.QueryWatermarkOffsets(new TopicPartition(kafka.Value.SessionsTopic, p), BrokerTimeout).High.Value);
        reader.Close();
        return partitions.Select(p => (p, latest[p], records[p], sessionsEnds[p])).ToList();
    }
}
