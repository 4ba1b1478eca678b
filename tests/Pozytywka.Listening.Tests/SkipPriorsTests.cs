using Pozytywka.Listening.Features;

namespace Pozytywka.Listening.Tests;

public class SkipPriorsTests
{
    /// <summary>Training rows see what serving sees: the counts of the plays before, never their own outcome or a later one.</summary>
    [Fact]
    public void Each_play_in_order_sees_only_the_plays_before_it()
    {
        (string, string?, bool)[] plays = [("t1", "a", true), ("t2", "a", false), ("t1", "a", false), ("t1", null, true)];

        var seen = SkipPriors.Before(plays).Select(p => (Track: SkipPriors.Lookup(p.Tracks, "t1"), Artist: SkipPriors.Lookup(p.Artists, "a"), p.GlobalRate)).ToList();

        Assert.Equal([new SkipCount(0, 0), new SkipCount(1, 1), new SkipCount(1, 1), new SkipCount(2, 1)], seen.Select(s => s.Track));
        Assert.Equal([new SkipCount(0, 0), new SkipCount(1, 1), new SkipCount(2, 1), new SkipCount(3, 1)], seen.Select(s => s.Artist));
        Assert.Equal([0.5, 1.0, 0.5, 1.0 / 3], seen.Select(s => s.GlobalRate));
        var all = SkipPriors.Fit(plays);
        Assert.Equal((new SkipCount(3, 2), 0.5), (SkipPriors.Lookup(all.Tracks, "t1"), all.GlobalRate));
    }
}
