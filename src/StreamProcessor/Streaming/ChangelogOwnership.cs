using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// A task's standing in its changelog partition: the epoch it claimed, which every record it writes carries, and the
/// keys its restored listeners and model choices are still stored at. A listener's first record at this epoch retires
/// the key it was restored from, as the first model choices written retire those restored.
/// </summary>
public sealed class ChangelogOwnership(string topic, int partition, int epoch, IReadOnlyDictionary<long, int> storedAt, int? modelsStoredAt,
    CancellationToken abandoned)
{
    private readonly Dictionary<long, int> _storedAt = new(storedAt);
    private int? _modelsStoredAt = modelsStoredAt;

    public int Epoch { get; } = epoch;

    /// <summary>A batch's changed listeners as this owner writes them: at its epoch, with the keys they leave behind.</summary>
    public ChangelogWrite Stamp(IReadOnlyList<Listening.State.StateChange> changes)
    {
        var retired = new List<string>();
        foreach (var change in changes)
        {
            if (_storedAt.Remove(change.UserId, out var restoredAt) && restoredAt != Epoch)
                retired.Add(StateChangelogMessages.ListenerKey(change.UserId, restoredAt));
        }
        return new ChangelogWrite(partition, Epoch, changes, retired, abandoned);
    }

    /// <summary>The records of a switch of model version: the choices at this epoch, then the key they were restored from.</summary>
    public IEnumerable<Outgoing> Record(ModelChoices choices)
    {
        yield return StateChangelogMessages.Keyed(topic, partition, StateChangelogMessages.ModelsKey(Epoch), StateChangelogMessages.Models(choices));
        if (_modelsStoredAt is { } restored && restored != Epoch)
            yield return StateChangelogMessages.Keyed(topic, partition, StateChangelogMessages.ModelsKey(restored), null);
        _modelsStoredAt = Epoch;
    }
}
