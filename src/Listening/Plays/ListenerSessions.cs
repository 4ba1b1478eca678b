namespace Pozytywka.Listening.Plays;

/// <summary>One listener's sessions as reconstruction needs them: the open one, if any, and the last few that ended.</summary>
internal sealed class ListenerSessions(int endedCapacity)
{
    private readonly Queue<long> _ended = new();

    public SessionState? Current { get; set; }

    public IReadOnlyCollection<long> Ended => _ended;

    public bool HasEnded(long sessionId) => _ended.Contains(sessionId);

    /// <returns>Whether an older ended session was forgotten to make room.</returns>
    public bool RememberEnded(long sessionId)
    {
        _ended.Enqueue(sessionId);
        if (_ended.Count <= endedCapacity)
            return false;
        _ended.Dequeue();
        return true;
    }
}
