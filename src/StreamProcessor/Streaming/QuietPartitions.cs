namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// Decides when a partition gone quiet may have its open sessions ended. That the broker holds nothing more to read
/// is not enough: after an outage, producers send what they held back for as long as they keep retrying. So a quiet
/// partition closes only once the broker has confirmed it read to the same end for
/// <see cref="StreamingOptions.ProducerRetryWindow"/>; a round in which it is not confirmed (its leader out of
/// reach, records left to read, or not asked) starts the wait over.
/// Questions stop at the first partition out of reach, and the next round waits <see cref="Backoff"/> and asks about
/// the partitions that answered first, so an outage neither stalls the loop nor holds up partitions it does not touch.
/// </summary>
public sealed class QuietPartitions(TimeSpan producerRetryWindow, TimeProvider clock)
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(5);
    private readonly HashSet<int> _outOfReach = [];
    private readonly Dictionary<int, (long End, DateTimeOffset Since)> _sameEnd = [];
    private DateTimeOffset _nextCheck;

    /// <summary>A round of questions: the partitions asked in order that are read to their end, with that end, and the first one out of reach.</summary>
    public delegate (List<(int Partition, long End)> FullyRead, int? OutOfReach) Ask(IEnumerable<int> partitions);

    /// <param name="quiet">The partitions from which nothing has arrived for the quiet timeout and that have open sessions.</param>
    /// <returns>Those whose open sessions may end now.</returns>
    public IReadOnlyList<int> ToClose(IReadOnlyList<int> quiet, Ask ask)
    {
        foreach (var partition in _sameEnd.Keys.Except(quiet).ToList())
            _sameEnd.Remove(partition);
        var now = clock.GetUtcNow();
        if (quiet.Count == 0 || now < _nextCheck)
            return [];
        var (fullyRead, outOfReach) = ask(quiet.OrderBy(_outOfReach.Contains));
        if (outOfReach is { } unanswered)
        {
            _outOfReach.Add(unanswered);
            _sameEnd.Remove(unanswered);
            _nextCheck = now + Backoff;
        }
        foreach (var partition in quiet.Except(fullyRead.Select(f => f.Partition)).Where(p => p != outOfReach))
            _sameEnd.Remove(partition);
        var closing = new List<int>();
        foreach (var (partition, end) in fullyRead)
        {
            _outOfReach.Remove(partition);
            if (!_sameEnd.TryGetValue(partition, out var seen) || seen.End != end)
                _sameEnd[partition] = seen = (end, now);
            if (now - seen.Since >= producerRetryWindow)
                closing.Add(partition);
        }
        return closing;
    }
}
