namespace Pozytywka.Listening.State;

/// <summary>
/// Which listeners' state changed since the changes were last taken, and which of their history slots were
/// rewritten.
/// </summary>
internal sealed class ChangeTracker
{
    private readonly Dictionary<long, Pending> _pending = [];

    public void Touched(long userId) => PendingOf(userId);

    public void SlotWritten(long userId, int slot) => PendingOf(userId).Slots.Add(slot);

    /// <summary>The listener was dropped for room, with <paramref name="slots"/> history slots that must go too.</summary>
    public void Dropped(long userId, int slots)
    {
        var pending = PendingOf(userId);
        pending.DroppedSlots = Math.Max(pending.DroppedSlots, slots);
        pending.Slots.Clear();
    }

    public IReadOnlyList<StateChange> Take(Func<long, ListenerCheckpoint?> checkpointOf, Func<long, int, HistorySlot?> slotOf)
    {
        var changes = _pending.Select(p =>
        {
            var checkpoint = checkpointOf(p.Key);
            var slots = checkpoint is null ? new Dictionary<int, HistorySlot>()
                : p.Value.Slots.Order().ToDictionary(slot => slot, slot => slotOf(p.Key, slot)!);
            return new StateChange(p.Key, checkpoint, slots, p.Value.DroppedSlots);
        }).ToList();
        _pending.Clear();
        return changes;
    }

    private Pending PendingOf(long userId)
    {
        if (!_pending.TryGetValue(userId, out var pending))
        {
            pending = new Pending();
            _pending[userId] = pending;
        }
        return pending;
    }

    private sealed class Pending
    {
        public HashSet<int> Slots { get; } = [];
        public int DroppedSlots { get; set; }
    }
}
