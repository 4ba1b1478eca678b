using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.State;

namespace Pozytywka.Listening.Features;

/// <summary>
/// What the event stream has taught about one listener so far. Premium is point in time: it starts as the
/// listener was when the export's sessions began (<see cref="Catalog.Listener.PremiumAtStart"/>, never the users
/// file's final state), then follows the stream: BUY_PREMIUM makes a listener premium, an ADVERTISEMENT shows
/// they are not.
/// </summary>
internal sealed class ListenerState(bool premiumAtStart, int historyCapacity)
{
    public int ClosedPlays { get; private set; }
    public int ClosedSkips { get; private set; }
    public bool Premium { get; set; } = premiumAtStart;
    public ListenerHistory History { get; } = new(historyCapacity);

    /// <summary>The position of the last of the listener's events applied; -1 before the first.</summary>
    public long AppliedThrough { get; set; } = -1;

    /// <summary>The newest timestamp of the listener's events applied.</summary>
    public DateTime LastEventAt { get; set; } = DateTime.MinValue;

    public void Record(Track? track, bool skipped, double secondsPlayed)
    {
        ClosedPlays++;
        if (skipped)
            ClosedSkips++;
        var heardAtSkip = skipped && track?.DurationSeconds is > 0 and var seconds ? (float)(secondsPlayed / seconds) : float.NaN;
        History.Add(track, skipped, heardAtSkip);
    }

    public ListenerSnapshot Snapshot(Track? track) => new(ClosedPlays, ClosedSkips, Premium, TasteFeatures.Compute(History, track), History.SkipTiming);

    public ListenerCheckpoint Checkpoint(long userId, SessionCheckpoint? openSession, IReadOnlyList<long> endedSessions) =>
        new(userId, AppliedThrough, LastEventAt, Premium, ClosedPlays, ClosedSkips, History.Next, History.Count, openSession, endedSessions);

    public static ListenerState From(RestoredListener saved, int historyCapacity)
    {
        var checkpoint = saved.Checkpoint;
        var state = new ListenerState(checkpoint.Premium, historyCapacity)
        {
            ClosedPlays = checkpoint.ClosedPlays,
            ClosedSkips = checkpoint.ClosedSkips,
            AppliedThrough = checkpoint.AppliedThrough,
            LastEventAt = checkpoint.LastEventAt,
        };
        state.History.Restore(checkpoint.HistoryNext, checkpoint.HistoryCount, saved.Slots);
        return state;
    }
}
