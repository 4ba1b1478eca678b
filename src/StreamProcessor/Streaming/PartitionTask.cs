using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Everything about one assigned <c>sessions</c> partition, as Kafka Streams' StreamTask: while it restores, the read
/// of its changelog and where consumption must resume; once running, its listeners and model choices
/// (<see cref="PartitionScoring"/>), its standing in the changelog (<see cref="ChangelogOwnership"/>), the records
/// consumed for the next batch, and the batches it waits on before committing (<see cref="PendingCommits"/>).
/// Abandoning it (the partition was lost) cancels its read and the deliveries of its changelog writes; what it held
/// is dropped with it, so nothing of a partition this instance no longer owns is processed, written or committed.
/// </summary>
public sealed class PartitionTask(TopicPartition partition, TimeProvider clock) : IDisposable
{
    private readonly CancellationTokenSource _abandoned = new();
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _buffered = [];
    private long? _heldFrom;

    public TopicPartition TopicPartition { get; } = partition;

    public int Partition => TopicPartition.Partition.Value;

    public CancellationToken Abandoned => _abandoned.Token;

    /// <summary>The read of its state while it restores; null once it runs.</summary>
    public StateRead? Restoring { get; private set; }

    /// <summary>Set on assignment: the partition is to be paused until its state is in place.</summary>
    public bool PauseRequested { get; set; } = true;

    public PartitionScoring? Scoring { get; private set; }

    public ChangelogOwnership? Ownership { get; private set; }

    public PendingCommits Commits { get; } = new(clock);

    /// <summary>A record consumed from the partition: kept for the next batch once running; while restoring, held back to be consumed again.</summary>
    public void Take(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (Scoring is not null)
            _buffered.Add(record);
        else
            _heldFrom = Math.Min(_heldFrom ?? long.MaxValue, record.Offset.Value);
    }

    /// <summary>Reads its state (again, when a read failed); it runs once <see cref="Start"/> takes the state over.</summary>
    public void Restore(StateRead read)
    {
        Restoring?.Leave(Partition);
        Restoring = read;
    }

    /// <returns>The offset to consume again from, when records arrived before the state was in place.</returns>
    public long? Start(PartitionScoring scoring, ChangelogOwnership ownership)
    {
        Restoring?.Leave(Partition);
        (Scoring, Ownership, Restoring) = (scoring, ownership, null);
        var heldFrom = _heldFrom;
        _heldFrom = null;
        return heldFrom;
    }

    /// <summary>The records taken since the last batch, and the offset that committing them commits.</summary>
    public (PartitionEvents Events, long Next)? TakeBuffered()
    {
        if (_buffered.Count == 0 || Scoring is null)
            return null;
        var events = _buffered.ConvertAll(r => r.ToIncoming());
        _buffered.Clear();
        return (new PartitionEvents(Scoring, events), events[^1].Offset + 1);
    }

    public void Abandon()
    {
        Restoring?.Leave(Partition);
        _abandoned.Cancel();
    }

    public void Dispose() => _abandoned.Dispose();
}
