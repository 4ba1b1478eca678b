using System.Diagnostics;
using Confluent.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// Handover of partitions between instances. Newly assigned partitions are paused while their state is read from
/// the changelog on another thread (<see cref="ChangelogRestorer"/>), so the partitions this instance already owns
/// keep flowing and the poll loop keeps polling; when a read finishes, the consume loop's thread (which owns the
/// pipeline) takes the state over and resumes the partitions from the group's committed offset. Events consumed
/// again from there are applied only where the restored state does not hold them yet (their effects are durable).
/// </summary>
public sealed class StateRestoration(ChangelogRestorer restorer, PlayScoringPipeline pipeline, StateChangelogWriter changelog, StreamMetrics metrics,
    TimeProvider clock, ILogger<StateRestoration> log) : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly List<Read> _reads = [];
    private readonly HashSet<TopicPartition> _restoring = [];
    private readonly List<TopicPartition> _toPause = [];

    /// <summary>Since when the oldest claim still waits for the broker's acknowledgement; null when none waits.</summary>
    public DateTime? OldestClaimSentAt =>
        _reads.Where(r => !r.Task.IsCompleted && r.ClaimSentAt.HasValue).Select(r => r.ClaimSentAt).Min();

    /// <summary>Partitions just assigned (called inside the rebalance callback, before the assignment takes effect).</summary>
    public void Begin(IReadOnlyCollection<TopicPartition> partitions)
    {
        _restoring.UnionWith(partitions);
        _toPause.AddRange(partitions);
        Start(partitions.ToList(), TimeSpan.Zero);
        metrics.Restoring.Set(_restoring.Count);
    }

    /// <summary>Partitions no longer owned: their reads are abandoned.</summary>
    public void Abandon(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.ToHashSet();
        _restoring.ExceptWith(gone);
        _toPause.RemoveAll(gone.Contains);
        foreach (var read in _reads.Where(r => r.Partitions.All(gone.Contains)).ToList())
        {
            read.Cancel.Cancel();
            read.Cancel.Dispose();
            _reads.Remove(read);
        }
        metrics.Restoring.Set(_restoring.Count);
    }

    /// <summary>
    /// Takes out of a batch the records of partitions still restoring (consumed before their pause took effect) and
    /// rewinds those partitions to the first of them, so they are consumed again once their state is in place.
    /// </summary>
    public void Hold(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        if (_restoring.Count == 0)
            return;
        foreach (var early in batch.Where(r => _restoring.Contains(r.TopicPartition)).GroupBy(r => r.TopicPartition))
            consumer.Seek(new TopicPartitionOffset(early.Key, early.Min(r => r.Offset.Value)));
        batch.RemoveAll(r => _restoring.Contains(r.TopicPartition));
    }

    /// <summary>Called by the consume loop each turn: pauses what was just assigned and takes over the reads that finished.</summary>
    public void Advance(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_toPause.Count > 0)
        {
            consumer.Pause(_toPause);
            _toPause.Clear();
        }
        foreach (var read in _reads.Where(r => r.Task.IsCompleted).ToList())
        {
            _reads.Remove(read);
            read.Cancel.Dispose();
            var partitions = read.Partitions.Where(_restoring.Contains).ToList();
            if (partitions.Count == 0)
                continue;
            if (!read.Task.IsCompletedSuccessfully)
            {
                log.RestoreFailed(read.Task.Exception?.GetBaseException() ?? new OperationCanceledException(), string.Join(", ", partitions));
                Start(partitions, RetryDelay);
                continue;
            }
            TakeOver(read, partitions);
            consumer.Resume(partitions);
        }
        metrics.Restoring.Set(_restoring.Count);
    }

    public void Dispose()
    {
        foreach (var read in _reads)
        {
            read.Cancel.Cancel();
            read.Cancel.Dispose();
        }
        _reads.Clear();
    }

    private void TakeOver(Read read, List<TopicPartition> partitions)
    {
        var restored = read.Task.Result.Where(r => partitions.Any(p => p.Partition.Value == r.Partition)).ToList();
        var (listeners, records) = (0, 0L);
        foreach (var partition in restored)
        {
            var contents = partition.Contents;
            var unfit = pipeline.Restore(partition.Partition, contents.Listeners, contents.Forgotten, contents.Models, partition.SessionsEnd);
            changelog.Own(partition.Partition, partition.Epoch, contents.StoredAt, contents.Models is null ? null : contents.ModelsEpoch);
            if (contents.Unreadable > 0 || unfit > 0)
                log.ChangelogUnusable(partition.Partition.ToString(), contents.Unreadable, unfit);
            listeners += contents.Listeners.Count - unfit;
            records += partition.Records;
        }
        _restoring.ExceptWith(partitions);
        metrics.RestoredListeners.Inc(listeners);
        metrics.RestoreSeconds.Observe(read.Clock.Elapsed.TotalSeconds);
        log.Restored(string.Join(", ", partitions), listeners, records, read.Clock.Elapsed.TotalSeconds,
            string.Join(", ", restored.Select(r => $"{r.Partition}: {r.Epoch}")));
    }

    private void Start(List<TopicPartition> partitions, TimeSpan after)
    {
        var cancel = new CancellationTokenSource();
        var numbers = partitions.Select(p => p.Partition.Value).ToList();
        var read = new Read(partitions, cancel, Stopwatch.StartNew());
        async Task<IReadOnlyList<RestoredPartition>> ReadAfterDelayAsync()
        {
            await Task.Delay(after, cancel.Token);
            return await restorer.RestoreAsync(numbers, cancel.Token, () => read.ClaimSentAt = clock.GetUtcNow().UtcDateTime);
        }
        read.Task = ReadAfterDelayAsync();
        _reads.Add(read);
    }

    private sealed class Read(List<TopicPartition> partitions, CancellationTokenSource cancel, Stopwatch clock)
    {
        public List<TopicPartition> Partitions { get; } = partitions;
        public Task<IReadOnlyList<RestoredPartition>> Task { get; set; } = System.Threading.Tasks.Task.FromResult<IReadOnlyList<RestoredPartition>>([]);
        public CancellationTokenSource Cancel { get; } = cancel;
        public Stopwatch Clock { get; } = clock;

        /// <summary>Set on the restore's thread, read on the consume loop's.</summary>
        public DateTime? ClaimSentAt
        {
            get => Volatile.Read(ref _claimSentTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;
            set => Volatile.Write(ref _claimSentTicks, value?.Ticks ?? 0);
        }

        private long _claimSentTicks;
    }
}
