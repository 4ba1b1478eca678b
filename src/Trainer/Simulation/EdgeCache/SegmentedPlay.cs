using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>
/// A play cut into segments, and what a read-ahead policy fetches for it: <see cref="Fetched"/> segments in order,
/// each requested when the playhead is <see cref="Depth"/> segments before it (0: when it is needed; at PLAY when
/// <see cref="Depth"/> is <see cref="AtPlay"/>), admitted to the edge unless <see cref="Admit"/> is false.
/// </summary>
public sealed record SegmentedPlay(CachePlay Play, int TrackIndex, int Heard, int Total, int Fetched, int Depth, bool Admit)
{
    public const int AtPlay = int.MaxValue;

    /// <summary>Segments per track, at most: keys are track × this + segment.</summary>
    public const int MaxSegments = 1 << 16;

    public long Key(int segment) => (long)TrackIndex * MaxSegments + segment;

    public long SegmentBytes(int segment, double segmentSeconds) =>
        Play.Bytes(Math.Min(segmentSeconds, Play.TrackSeconds - segment * segmentSeconds));

    public static SegmentedPlay Of(CachePlay play, int trackIndex, ReadAhead readAhead, EdgeCacheSettings settings, HintRule hints)
    {
        var total = Math.Max(1, (int)Math.Min(MaxSegments, Math.Ceiling(play.TrackSeconds / settings.SegmentSeconds)));
        var heard = Math.Clamp((int)Math.Ceiling(play.HeardSeconds / settings.SegmentSeconds), 1, total);
        var decision = hints.Decide(play.CompletionProbability, play.ExpectedHeardShare);
        var wholeTrack = decision == CacheDecision.Prefetch;
        var (fetched, depth) = readAhead switch
        {
            ReadAhead.OnDemand => (heard, 0),
            ReadAhead.JustInTime1 => (Math.Min(total, heard + 1), 1),
            ReadAhead.JustInTime2 => (Math.Min(total, heard + 2), 2),
            ReadAhead.WholeTrack => (total, AtPlay),
            ReadAhead.HintDriven when wholeTrack => (total, AtPlay),
            ReadAhead.HintDriven => (Math.Min(total, heard + 1), 1),
            ReadAhead.Oracle => (heard, AtPlay),
            _ => throw new ArgumentOutOfRangeException(nameof(readAhead), readAhead, null),
        };
        var admit = readAhead != ReadAhead.HintDriven || decision != CacheDecision.Evict;
        return new SegmentedPlay(play, trackIndex, heard, total, fetched, depth, admit);
    }
}
