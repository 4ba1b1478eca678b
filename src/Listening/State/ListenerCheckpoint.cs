using Pozytywka.Listening.Plays;

namespace Pozytywka.Listening.State;

/// <summary>
/// Everything a partition's state holds about one listener besides their history's plays (<see cref="HistorySlot"/>):
/// with those, enough to carry on exactly where the previous owner of the partition stopped. <see cref="AppliedThrough"/> is the position (the <c>sessions</c> offset) of the last event applied, so
/// events at or before it are not applied twice when they are consumed again; <see cref="LastEventAt"/> is the newest
/// timestamp of their events, from which their idle time counts.
/// </summary>
public sealed record ListenerCheckpoint(
    long UserId,
    long AppliedThrough,
    DateTime LastEventAt,
    bool Premium,
    int ClosedPlays,
    int ClosedSkips,
    int HistoryNext,
    int HistoryCount,
    SessionCheckpoint? Session,
    IReadOnlyList<long> EndedSessions);

/// <summary>A listener's open session, as <see cref="PlayReconstructor"/> keeps it.</summary>
public sealed record SessionCheckpoint(
    long SessionId,
    DateTime StartedAt,
    DateTime LastEventAt,
    int PlaysStarted,
    int SkipsSoFar,
    bool PreviousSkipped,
    bool AdvertisementSinceLastPlay,
    PlayContext? OpenPlay,
    bool OpenPlayLiked);

/// <summary>
/// One closed play in a listener's history: its track's taste attributes (NaN when unknown), whether it was skipped
/// and, for a skip, the share of the track heard (null when unknown, as in slots written before it was kept).
/// </summary>
public sealed record HistorySlot(float[] Values, bool Skipped, float? HeardAtSkip = null);

/// <summary>A listener as a changelog holds them: the checkpoint and their history's plays, by slot.</summary>
public sealed record RestoredListener(ListenerCheckpoint Checkpoint, IReadOnlyDictionary<int, HistorySlot> Slots);

/// <summary>
/// A listener the previous owner forgot (for room or idleness) after applying their events up to
/// <paramref name="AppliedThrough"/>: those events, consumed again, are passed over, as they were before.
/// </summary>
public sealed record ForgottenListener(long UserId, long AppliedThrough);

/// <summary>
/// A listener whose state changed since the changes were last taken, with all of that state, so that one record can
/// hold it whole: their checkpoint and every play of their history in slot order — or, for a listener forgotten
/// since, no checkpoint and no history, but still the position of the last event applied to them.
/// </summary>
public sealed record StateChange(long UserId, long AppliedThrough, ListenerCheckpoint? Checkpoint, IReadOnlyList<HistorySlot> History);
