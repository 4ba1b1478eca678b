using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.Reference;

/// <summary>
/// The README's reconstruction rules, written out as plainly as possible, each partition on its own in offset order:
/// <list type="bullet">
/// <item>A PLAY starts a play with id <c>SESSION-POSITION</c>, positions counted from 1 in each session.</item>
/// <item>The play is skipped when a SKIP of its track arrives before the next PLAY; it is completed when the next PLAY
/// arrives, when its listener starts another session, or when its session ends.</item>
/// <item>A session ends once an event of another listener in the same partition comes 30 minutes or more after the
/// session's last event, and at the end of the log.</item>
/// <item>A SKIP with nothing playing or of another track, and any event of a session that has ended, change nothing.</item>
/// </list>
/// Unreadable records are passed over. No limit on memory is modelled: every ended session is remembered.
/// </summary>
public static class ReferenceReconstruction
{
    public static readonly TimeSpan SessionIdle = TimeSpan.FromMinutes(30);

    /// <summary>Every play in the log, partition by partition, each in the order its PLAY arrived, and the SKIPs that matched no play.</summary>
    public static ReferenceResult Run(IEnumerable<LoggedEvent> log)
    {
        var partitions = log.GroupBy(e => e.Partition).OrderBy(p => p.Key).Select(p => Partition(p.OrderBy(e => e.Offset))).ToList();
        return new ReferenceResult([.. partitions.SelectMany(p => p.Plays)], partitions.Sum(p => p.UnmatchedSkips));
    }

    private static ReferenceResult Partition(IEnumerable<LoggedEvent> records)
    {
        var plays = new List<ReferencePlay>();
        var unmatchedSkips = 0L;
        var open = new Dictionary<long, Session>();
        var ended = new HashSet<(long User, long Session)>();

        void End(Session session)
        {
            session.CloseOpenPlay(skipped: false, plays);
            open.Remove(session.UserId);
            ended.Add((session.UserId, session.Id));
        }

        foreach (var record in records)
        {
            if (record.Value is null || !SessionEventParser.TryParse(record.Value, out var e, out _))
                continue;
            if (ended.Contains((e!.UserId, e.SessionId)))
                continue;
            if (open.TryGetValue(e.UserId, out var current) && current.Id != e.SessionId)
                End(current);
            if (!open.TryGetValue(e.UserId, out var session))
                open[e.UserId] = session = new Session(e.UserId, e.SessionId);

            if (e.Type == SessionEventType.Play)
            {
                session.CloseOpenPlay(skipped: false, plays);
                session.Start(e.TrackId!, record);
            }
            else if (e.Type == SessionEventType.Skip && session.OpenTrack == e.TrackId)
                session.CloseOpenPlay(skipped: true, plays);
            else if (e.Type == SessionEventType.Skip)
                unmatchedSkips++;
            session.LastEventAt = e.Timestamp;

            foreach (var idle in open.Values.Where(s => s.UserId != e.UserId && e.Timestamp - s.LastEventAt >= SessionIdle).ToList())
                End(idle);
        }
        foreach (var session in open.Values.ToList())
            End(session);
        return new ReferenceResult([.. plays.OrderBy(p => p.Offset)], unmatchedSkips);
    }

    private sealed class Session(long userId, long id)
    {
        private int _plays;
        private LoggedEvent? _openPlay;

        public long UserId => userId;
        public long Id => id;
        public string? OpenTrack { get; private set; }
        public DateTime LastEventAt { get; set; }

        public void Start(string trackId, LoggedEvent play)
        {
            _plays++;
            (OpenTrack, _openPlay) = (trackId, play);
        }

        public void CloseOpenPlay(bool skipped, List<ReferencePlay> plays)
        {
            if (OpenTrack is null)
                return;
            plays.Add(new ReferencePlay($"{id}-{_plays}", userId, id, OpenTrack, skipped, _openPlay!.Partition, _openPlay.Offset));
            (OpenTrack, _openPlay) = (null, null);
        }
    }
}
