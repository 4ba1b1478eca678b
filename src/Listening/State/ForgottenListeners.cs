namespace Pozytywka.Listening.State;

/// <summary>
/// Listeners a restored changelog says were forgotten, each with the position of the last event applied to them
/// before: events consumed again up to there are passed over. Positions only grow, so an entry is dropped as soon as
/// the stream has passed it.
/// </summary>
internal sealed class ForgottenListeners
{
    private readonly Dictionary<long, long> _appliedThrough = [];
    private readonly PriorityQueue<long, long> _byPosition = new();

    public void Add(long userId, long appliedThrough)
    {
        _appliedThrough[userId] = appliedThrough;
        _byPosition.Enqueue(userId, appliedThrough);
    }

    /// <summary>Whether an event of <paramref name="userId"/> at <paramref name="position"/> was applied before the listener was forgotten.</summary>
    public bool Covers(long userId, long position)
    {
        while (_byPosition.TryPeek(out var passed, out var through) && through < position)
        {
            _byPosition.Dequeue();
            if (_appliedThrough.GetValueOrDefault(passed, long.MaxValue) == through)
                _appliedThrough.Remove(passed);
        }
        return _appliedThrough.TryGetValue(userId, out var appliedThrough) && position <= appliedThrough;
    }
}
