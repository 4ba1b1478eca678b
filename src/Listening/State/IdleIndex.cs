namespace Pozytywka.Listening.State;

/// <summary>
/// Listeners ordered by the timestamp of their last event, to find those idle for a timeout at an event's time,
/// sparing that event's own listener: the event-time clock open sessions and listeners share
/// (<see cref="Plays.PlayReconstructor"/>).
/// </summary>
internal sealed class IdleIndex
{
    private readonly SortedSet<(DateTime LastEventAt, long UserId)> _byLastEvent = [];

    public int Count => _byLastEvent.Count;

    public IEnumerable<long> UserIds => _byLastEvent.Select(entry => entry.UserId);

    public void Add(long userId, DateTime lastEventAt) => _byLastEvent.Add((lastEventAt, userId));

    public void Remove(long userId, DateTime lastEventAt) => _byLastEvent.Remove((lastEventAt, userId));

    public void Move(long userId, DateTime from, DateTime to)
    {
        if (from == to)
            return;
        Remove(userId, from);
        Add(userId, to);
    }

    /// <summary>Fills <paramref name="idle"/> with the listeners whose last event is <paramref name="timeout"/> or more before <paramref name="now"/>, but <paramref name="sparing"/>.</summary>
    public void IdleAt(DateTime now, TimeSpan timeout, long sparing, List<long> idle)
    {
        idle.Clear();
        var before = now - timeout;
        // Most events find nobody idle: Min answers that without enumerating (which allocates).
        if (_byLastEvent.Count == 0 || _byLastEvent.Min.LastEventAt > before)
            return;
        foreach (var (lastEventAt, userId) in _byLastEvent)
        {
            if (lastEventAt > before)
                break;
            if (userId != sparing)
                idle.Add(userId);
        }
    }
}
