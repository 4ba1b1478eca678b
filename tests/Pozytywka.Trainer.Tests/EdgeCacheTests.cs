using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.EdgeCache;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Tests;

/// <summary>The edge cache's eviction policies and a play's timeline, on cases worked by hand.</summary>
public class EdgeCacheTests
{
    private const long NoNextUse = long.MaxValue;

    [Fact]
    public void Lru_evicts_the_segment_used_longest_ago()
    {
        var cache = new SegmentCache(Eviction.Lru, capacityBytes: 2);
        cache.Request(1, 1, 0, NoNextUse, admit: true);
        cache.Request(2, 1, 0, NoNextUse, admit: true);
        Assert.True(cache.Request(1, 1, 0, NoNextUse, admit: true));
        cache.Request(3, 1, 0, NoNextUse, admit: true);   // evicts 2
        Assert.True(cache.Request(1, 1, 0, NoNextUse, admit: true));
        Assert.False(cache.Request(2, 1, 0, NoNextUse, admit: true));
    }

    [Fact]
    public void Lfu_keeps_the_segment_used_most_and_gdsf_the_one_costliest_to_fetch_again()
    {
        var lfu = new SegmentCache(Eviction.Lfu, capacityBytes: 2);
        lfu.Request(1, 1, 0, NoNextUse, admit: true);
        lfu.Request(1, 1, 0, NoNextUse, admit: true);
        lfu.Request(2, 1, 0, NoNextUse, admit: true);
        lfu.Request(3, 1, 0, NoNextUse, admit: true);     // 2 (one use) goes, 1 (two uses) stays
        Assert.True(lfu.Request(1, 1, 0, NoNextUse, admit: true));
        Assert.False(lfu.Request(2, 1, 0, NoNextUse, admit: true));

        var gdsf = new SegmentCache(Eviction.Gdsf, capacityBytes: 2);
        gdsf.Request(1, 1, missCost: 1200, NoNextUse, admit: true);
        gdsf.Request(2, 1, missCost: 150, NoNextUse, admit: true);
        gdsf.Request(3, 1, missCost: 400, NoNextUse, admit: true);   // the cheap one goes
        Assert.True(gdsf.Request(1, 1, 1200, NoNextUse, admit: true));
        Assert.False(gdsf.Request(2, 1, 150, NoNextUse, admit: true));
    }

    [Fact]
    public void A_segment_not_admitted_is_served_but_never_cached()
    {
        var cache = new SegmentCache(Eviction.Lru, capacityBytes: 10);
        Assert.False(cache.Request(1, 1, 0, NoNextUse, admit: false));
        Assert.False(cache.Request(1, 1, 0, NoNextUse, admit: false));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Belady_hits_at_least_as_often_as_every_online_policy_on_equal_segments(int seed)
    {
        var random = new Random(seed);
        // A skewed stream over 40 segments, as popular tracks make.
        var keys = Enumerable.Range(0, 3000).Select(_ => (long)Math.Floor(40 * Math.Pow(random.NextDouble(), 2))).ToList();
        var next = new long[keys.Count];
        var seen = new Dictionary<long, long>();
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            next[i] = seen.GetValueOrDefault(keys[i], NoNextUse);
            seen[keys[i]] = i;
        }
        int Hits(Eviction eviction)
        {
            var cache = new SegmentCache(eviction, capacityBytes: 8);
            return keys.Where((key, i) => cache.Request(key, 1, 400, next[i], admit: true)).Count();
        }

        var belady = Hits(Eviction.Belady);
        foreach (var online in new[] { Eviction.Lru, Eviction.Lfu, Eviction.Gdsf })
            Assert.True(belady >= Hits(online), $"Belady {belady} hits, {online} {Hits(online)}");
    }

    [Fact]
    public void On_demand_stalls_each_segment_by_its_first_byte_and_one_segment_ahead_does_not()
    {
        // 30 s heard of a 30 s track, 10 s segments of 100 bytes (10 B/s), link 8 kbit/s = 1000 B/s: a segment takes 0.1 s.
        var settings = new EdgeCacheSettings(SegmentSeconds: 10, LinkKbps: 8);
        var play = new CachePlay("p", "SLOW", 0, 30, 30, 0.9, 0.9, BytesPerSecond: 10, TrackId: "t");
        var hints = new HintRule(WholeTrackAtOrAbove: 2, EvictBelow: 0, new PrefetchPlanOptions());
        double[] firstBytes = [0.5, 0.5, 0.5];

        var onDemand = PlayTimeline.Of(SegmentedPlay.Of(play, 0, ReadAhead.OnDemand, settings, hints), firstBytes, settings, LinkTrace.AlwaysUp());
        // Segment 0 ready at 0.5 s; segment 1 asked at 10.5 s, ready at 11.0 s; segment 2 asked at 20.5 + 0.5 stall, ready 21.5 s.
        Assert.Equal((0.5, 1.0), (onDemand.StartupSeconds, onDemand.StallSeconds), TupleComparer);

        var ahead = PlayTimeline.Of(SegmentedPlay.Of(play, 0, ReadAhead.JustInTime1, settings, hints), firstBytes, settings, LinkTrace.AlwaysUp());
        // Segment 1 asked at 0.5 s when segment 0 starts, after segment 0's transfer ends at 0.6 s: ready at 1.1 s, long before 10.5 s.
        Assert.Equal((0.5, 0.0), (ahead.StartupSeconds, ahead.StallSeconds), TupleComparer);

        // The link drops from 10.6 s to 25 s. One segment ahead: segment 2 is asked at 10.5 s when segment 1 starts, gets 0.1 s of
        // its 0.5 s first byte before the outage and the rest after it: ready at 25.4 s, needed at 20.5 s, so 4.9 s of stall.
        // The whole track, asked for at PLAY, is all there by 1.8 s.
        var outage = () => LinkTrace.WithOutages((10.6, 25));
        var aheadInOutage = PlayTimeline.Of(SegmentedPlay.Of(play, 0, ReadAhead.JustInTime1, settings, hints), firstBytes, settings, outage());
        Assert.Equal((0.5, 4.9), (aheadInOutage.StartupSeconds, aheadInOutage.StallSeconds), TupleComparer);
        var wholeInOutage = PlayTimeline.Of(SegmentedPlay.Of(play, 0, ReadAhead.WholeTrack, settings, hints), firstBytes, settings, outage());
        Assert.Equal((0.5, 0.0), (wholeInOutage.StartupSeconds, wholeInOutage.StallSeconds), TupleComparer);
    }

    [Fact]
    public void Each_read_ahead_fetches_what_it_says_and_the_hints_decide_by_the_operating_point()
    {
        var settings = new EdgeCacheSettings(SegmentSeconds: 10);
        // Heard 25 s of 100 s: 3 segments heard of 10.
        var likely = new CachePlay("a", null, 0, 100, 25, CompletionProbability: 0.8, ExpectedHeardShare: 0.9, TrackId: "t");
        var unlikely = likely with { CompletionProbability = 0.2, ExpectedHeardShare = 0.4 };
        var hints = new HintRule(WholeTrackAtOrAbove: 0.65, EvictBelow: 0.35, new PrefetchPlanOptions());
        int Fetched(CachePlay play, ReadAhead readAhead) => SegmentedPlay.Of(play, 0, readAhead, settings, hints).Fetched;

        Assert.Equal([3, 4, 5, 10, 3], new[] { ReadAhead.OnDemand, ReadAhead.JustInTime1, ReadAhead.JustInTime2, ReadAhead.WholeTrack, ReadAhead.Oracle }
            .Select(r => Fetched(likely, r)));
        Assert.Equal(10, Fetched(likely, ReadAhead.HintDriven));
        Assert.Equal(4, Fetched(unlikely, ReadAhead.HintDriven));
        Assert.True(SegmentedPlay.Of(likely, 0, ReadAhead.HintDriven, settings, hints).Admit);
        Assert.False(SegmentedPlay.Of(unlikely, 0, ReadAhead.HintDriven, settings, hints).Admit);
        Assert.True(SegmentedPlay.Of(unlikely, 0, ReadAhead.WholeTrack, settings, hints).Admit);
    }

    private static readonly IEqualityComparer<(double, double)> TupleComparer =
        EqualityComparer<(double, double)>.Create((a, b) => Math.Abs(a.Item1 - b.Item1) < 1e-9 && Math.Abs(a.Item2 - b.Item2) < 1e-9, _ => 0);
}
