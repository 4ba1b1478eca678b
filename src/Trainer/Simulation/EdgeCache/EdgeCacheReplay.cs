using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Analysis;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>
/// One edge cache shared by every listener of the export, in front of the origin, replayed from the log: the training
/// period's plays warm it (each segment heard, on demand, the same for every policy), the test period's plays are
/// measured. Plays are taken in PLAY order, each play's requests in segment order. What a policy requests does not
/// depend on what is cached, so each read-ahead's request sequence is built once and replayed through every eviction
/// and capacity; Belady reads the next request of each segment from that same sequence. Every row is measured twice:
/// on a steady link, and with the buffer-depth framing's outages (the same trace for a play under every policy).
/// </summary>
public static class EdgeCacheReplay
{
    public const string Steady = "steady";
    public const string WithOutages = "outages";

    public static (EdgeCacheAssumptions Assumptions, List<EdgeCacheRow> Rows) Run(IReadOnlyList<CachePlay> training, IReadOnlyList<CachePlay> test,
        HintRule hints, EdgeCacheSettings settings, NetworkModel outages, IReadOnlyList<Eviction>? evictions = null, IReadOnlyList<double>? capacityShares = null,
        IProgress<string>? steps = null)
    {
        var tracks = training.Concat(test).Select(p => p.TrackId).Distinct().Select((track, i) => (track, i)).ToDictionary(t => t.track, t => t.i);
        var warmUp = InOrder(training).Select(p => SegmentedPlay.Of(p, tracks[p.TrackId], ReadAhead.OnDemand, settings, hints)).ToList();
        var testInOrder = InOrder(test);
        var testSegmentBytes = testInOrder.Select(p => SegmentedPlay.Of(p, tracks[p.TrackId], ReadAhead.OnDemand, settings, hints))
            .SelectMany(p => Enumerable.Range(0, p.Heard).Select(k => (Key: p.Key(k), Bytes: p.SegmentBytes(k, settings.SegmentSeconds))))
            .DistinctBy(s => s.Key).Sum(s => s.Bytes);

        var warmUpRequests = Requests(warmUp, settings).ToList();
        var rows = new List<EdgeCacheRow>();
        foreach (var readAhead in Enum.GetValues<ReadAhead>())
        {
            steps?.Report($"edge cache: {readAhead} read-ahead");
            var measured = testInOrder.Select(p => SegmentedPlay.Of(p, tracks[p.TrackId], readAhead, settings, hints)).ToList();
            var requests = warmUpRequests.Concat(Requests(measured, settings)).ToList();
            var nextUse = NextUses(requests);
            foreach (var share in capacityShares ?? EdgeCacheSettings.CapacityShares)
            {
                foreach (var eviction in evictions ?? Enum.GetValues<Eviction>())
                {
                    var capacity = (long)(share * testSegmentBytes);
                    var cache = new SegmentCache(eviction, capacity);
                    var hits = requests.Select((r, i) => cache.Request(r.Key, r.Bytes, settings.OriginFirstByteMs(r.Play.Play.StorageClass), nextUse[i], r.Play.Admit)).ToList();
                    rows.Add(Row(Steady, _ => LinkTrace.AlwaysUp(), eviction, readAhead, share, capacity, measured, requests, hits, warmUpRequests.Count, settings));
                    rows.Add(Row(WithOutages, p => outages.TraceFor(p.PlayId), eviction, readAhead, share, capacity, measured, requests, hits, warmUpRequests.Count, settings));
                }
            }
        }
        return (new EdgeCacheAssumptions(settings, hints, testSegmentBytes, outages), rows);
    }

    private static List<CachePlay> InOrder(IReadOnlyList<CachePlay> plays) => plays.OrderBy(p => p.StartedAt).ToList();

    private sealed record SegmentRequest(SegmentedPlay Play, int Segment, long Key, long Bytes);

    private static IEnumerable<SegmentRequest> Requests(IEnumerable<SegmentedPlay> plays, EdgeCacheSettings settings) =>
        plays.SelectMany(p => Enumerable.Range(0, p.Fetched).Select(k => new SegmentRequest(p, k, p.Key(k), p.SegmentBytes(k, settings.SegmentSeconds))));

    /// <summary>For each request, the position of the next request of the same segment (<see cref="long.MaxValue"/> if none).</summary>
    private static long[] NextUses(List<SegmentRequest> requests)
    {
        var next = new long[requests.Count];
        var seen = new Dictionary<long, long>();
        for (var i = requests.Count - 1; i >= 0; i--)
        {
            next[i] = seen.GetValueOrDefault(requests[i].Key, long.MaxValue);
            seen[requests[i].Key] = i;
        }
        return next;
    }

    private static EdgeCacheRow Row(string link, Func<CachePlay, LinkTrace> traceFor, Eviction eviction, ReadAhead readAhead, double share, long capacity, List<SegmentedPlay> measured,
        List<SegmentRequest> requests, List<bool> hits, int firstMeasured, EdgeCacheSettings settings)
    {
        var (startups, stall, heardSeconds) = (new List<double>(measured.Count), 0.0, 0.0);
        long originBytes = 0, hitBytes = 0, requestedBytes = 0, wasted = 0;
        var hitCount = 0;
        var i = firstMeasured;
        foreach (var play in measured)
        {
            var firstBytes = new double[play.Fetched];
            long fetchedBytes = 0;
            for (var k = 0; k < play.Fetched; k++, i++)
            {
                var bytes = requests[i].Bytes;
                var origin = hits[i] ? 0 : settings.OriginFirstByteMs(play.Play.StorageClass);
                firstBytes[k] = (settings.EdgeFirstByteMs + origin) / 1000;
                (fetchedBytes, requestedBytes) = (fetchedBytes + bytes, requestedBytes + bytes);
                if (hits[i])
                    (hitCount, hitBytes) = (hitCount + 1, hitBytes + bytes);
                else
                    originBytes += bytes;
            }
            var (startup, stalled) = PlayTimeline.Of(play, firstBytes, settings, traceFor(play.Play));
            startups.Add(startup * 1000);
            stall += stalled;
            heardSeconds += play.Play.HeardSeconds;
            wasted += Math.Max(0, fetchedBytes - play.Play.HeardBytes);
        }
        var sorted = startups.Order().ToArray();
        var requestCount = requests.Count - firstMeasured;
        return new EdgeCacheRow(link, eviction, readAhead, share, capacity, Summary.Percentile(sorted, 0.5), Summary.Percentile(sorted, 0.95), sorted.Average(),
            heardSeconds == 0 ? 0 : stall / (heardSeconds / 3600), requestCount == 0 ? 0 : (double)hitCount / requestCount,
            requestedBytes == 0 ? 0 : (double)hitBytes / requestedBytes, originBytes, wasted);
    }
}
