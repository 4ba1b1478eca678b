using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>
/// When each segment of a play arrives and plays. Requests go one after another over the player's link; a segment's
/// first byte comes after the edge's (hit) or the edge's plus the origin's (miss) first-byte time, and the link,
/// faster than the audio, lets it play from its first byte. The play starts at the first segment's first byte (the
/// start-up delay); a later segment whose first byte is not there when the playhead reaches it stalls playback.
/// While the <paramref name="link"/> is down nothing moves: the first byte and the transfer need that much working link.
/// </summary>
public static class PlayTimeline
{
    public static (double StartupSeconds, double StallSeconds) Of(SegmentedPlay play, IReadOnlyList<double> firstByteSeconds, EdgeCacheSettings settings,
        LinkTrace link)
    {
        var linkBytesPerSecond = settings.LinkKbps * 1000 / 8;
        var playStarts = new double[play.Heard];
        var fetchEnd = 0.0;
        var stall = 0.0;
        for (var k = 0; k < play.Heard; k++)
        {
            var needed = k == 0 ? 0 : playStarts[k - 1] + settings.SegmentSeconds;
            var requested = play.Depth switch
            {
                0 => needed,
                SegmentedPlay.AtPlay => 0,
                var depth when k < depth => 0,
                var depth => playStarts[k - depth],
            };
            var start = Math.Max(requested, fetchEnd);
            var ready = link.AfterUpSeconds(start, firstByteSeconds[k]);
            fetchEnd = link.AfterUpSeconds(ready, play.SegmentBytes(k, settings.SegmentSeconds) / linkBytesPerSecond);
            playStarts[k] = Math.Max(needed, ready);
            if (k > 0)
                stall += playStarts[k] - needed;
        }
        return (playStarts[0], stall);
    }
}
