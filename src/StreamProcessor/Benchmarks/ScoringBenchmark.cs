using System.Diagnostics;
using Pozytywka.Contracts;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Listening.Plays;

namespace Pozytywka.StreamProcessor.Benchmarks;

/// <summary>Microseconds per play for features plus model, one play per call and in batches.</summary>
public static class ScoringBenchmark
{
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
        scorer.Score(plays.Take(batchSize).ToList());

        var clock = Stopwatch.StartNew();
        foreach (var play in plays.Take(1_000))
            scorer.Score([play]);
        var single = clock.Elapsed.TotalMicroseconds / Math.Min(1_000, plays.Count);

        var batches = plays.Chunk(batchSize).ToList();
        clock.Restart();
        for (var round = 0; round < 5; round++)
        {
            foreach (var batch in batches)
                scorer.Score(batch);
        }
        return (single, clock.Elapsed.TotalMicroseconds / (5.0 * plays.Count));
    }
}
