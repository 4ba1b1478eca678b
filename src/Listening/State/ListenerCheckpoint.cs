using Pozytywka.Listening.Plays;

namespace Pozytywka.Listening.State;

/// <summary>
/// Everything a partition's state holds about one listener except their history's plays (which are written one
/// slot at a time, <see cref="HistorySlot"/>): enough to carry on exactly where the previous owner of the partition
/// stopped. <see cref="AppliedThrough"/> is the position (the <c>sessions</c> offset) of the last event applied, so
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

/// <summary>A listener as a changelog holds them: the checkpoint and the history slots written so far, by slot.</summary>
public sealed record RestoredListener(ListenerCheckpoint Checkpoint, IReadOnlyDictionary<int, HistorySlot> Slots);

/// <summary>
/// What changed about one listener since the changes were last taken: their checkpoint (null when they were
/// dropped for room: then every slot below <see cref="DroppedSlots"/> is gone too) and the history slots rewritten.
/// </summary>
public sealed record StateChange(long UserId, ListenerCheckpoint? Checkpoint, IReadOnlyDictionary<int, HistorySlot> Slots, int DroppedSlots = 0);
