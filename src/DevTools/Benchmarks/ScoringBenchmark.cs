using System.Diagnostics;
using Pozytywka.Contracts;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Listening.Plays;
using Pozytywka.Contracts.Json;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// Where a play's serving time goes: the timeline (play reconstruction, listener state, the taste features at
/// PLAY time) and then each model's scorer (feature vector and MLP), one play per call and in batches.
/// </summary>
public static class ScoringBenchmark
{
    /// <summary>Microseconds per event and per play to feed the lines through a fresh timeline.</summary>
    public static (double PerEvent, double PerPlay) TimelineMicroseconds(Listening.Catalog.Catalog catalog, IEnumerable<JsonLine> lines)
    {
        var events = lines.Select(l => SessionEventParser.TryParse(l.Bytes.Span, out var e, out _) ? e : null).OfType<SessionEvent>().ToList();
        var transitions = new List<PlayTransition>();
        var plays = 0;
        var feed = () =>
        {
            var timeline = new ListeningTimeline(catalog);
            plays = 0;
            foreach (var e in events)
            {
                timeline.Feed(e, transitions);
                plays += transitions.Count(t => t is PlayToScore);
                transitions.Clear();
            }
        };
        WarmUp(feed);
        var clock = Stopwatch.StartNew();
        feed();
        var elapsed = clock.Elapsed.TotalMicroseconds;
        return (elapsed / Math.Max(1, events.Count), elapsed / Math.Max(1, plays));
    }

    /// <summary>Microseconds for the taste features of one track against a full listener history.</summary>
    public static double TasteMicrosecondsPerPlay(Listening.Catalog.Catalog catalog)
    {
        var tracks = catalog.Tracks.Values.Take(2_000).ToList();
        var history = new ListenerHistory(ListeningTimeline.DefaultListenerHistory);
        for (var i = 0; i < history.Capacity; i++)
            history.Add(tracks[i % tracks.Count], skipped: i % 3 == 0);
        WarmUp(() => tracks.ForEach(track => TasteFeatures.Compute(history, track)));
        var clock = Stopwatch.StartNew();
        foreach (var track in tracks)
            TasteFeatures.Compute(history, track);
        return clock.Elapsed.TotalMicroseconds / tracks.Count;
    }

    public static (double Single, double Batched) MicrosecondsPerPlay(SkipScorer scorer, Listening.Catalog.Catalog catalog, IEnumerable<JsonLine> lines, int batchSize)
    {
        var timeline = new ListeningTimeline(catalog);
        var transitions = new List<PlayTransition>();
        var plays = new List<PlayToScore>();
        foreach (var line in lines)
        {
            if (plays.Count >= 2_000)
                break;
            if (SessionEventParser.TryParse(line.Bytes.Span, out var e, out _))
                timeline.Feed(e!, transitions);
            plays.AddRange(transitions.OfType<PlayToScore>());
            transitions.Clear();
        }
        var batches = plays.Chunk(batchSize).ToList();
        WarmUp(() =>
        {
            plays.Take(100).ToList().ForEach(play => scorer.Score([play]));
            batches.ForEach(batch => scorer.Score(batch));
        });

        var clock = Stopwatch.StartNew();
        foreach (var play in plays.Take(1_000))
            scorer.Score([play]);
        var single = clock.Elapsed.TotalMicroseconds / Math.Min(1_000, plays.Count);

        clock.Restart();
        for (var round = 0; round < 5; round++)
        {
            foreach (var batch in batches)
                scorer.Score(batch);
        }
        return (single, clock.Elapsed.TotalMicroseconds / (5.0 * plays.Count));
    }

    /// <summary>
    /// Runs the code under test for a while untimed: the JIT first compiles it quickly and recompiles the hot paths
    /// optimized only after they have run for some time, and a long-running processor runs the optimized code.
    /// </summary>
    private static void WarmUp(Action action)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
            action();
    }
}
