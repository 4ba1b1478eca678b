namespace Pozytywka.Listening.State;

/// <summary>Which listeners' state changed since the changes were last taken, and where the forgotten ones stopped.</summary>
internal sealed class ChangeTracker
{
    private readonly HashSet<long> _touched = [];
    private readonly Dictionary<long, long> _forgottenThrough = [];

    public void Touched(long userId) => _touched.Add(userId);

    /// <summary>The listener was forgotten after their events up to <paramref name="appliedThrough"/> were applied.</summary>
    public void Forgotten(long userId, long appliedThrough)
    {
        _touched.Add(userId);
        _forgottenThrough[userId] = appliedThrough;
    }

    /// <param name="stateOf">A listener's whole state, or null when they are no longer held.</param>
    public IReadOnlyList<StateChange> Take(Func<long, StateChange?> stateOf)
    {
        var changes = _touched.Select(userId => stateOf(userId) ?? new StateChange(userId, _forgottenThrough.GetValueOrDefault(userId, -1), null, []))
            .ToList();
        _touched.Clear();
        _forgottenThrough.Clear();
        return changes;
    }
}
