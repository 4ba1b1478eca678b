using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Listening.Plays;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.Contracts.Json;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Requests scored together by the dynamic batcher get exactly the scores they would get alone, each its own.</summary>
[Collection(TrainedExportGroup.Name)]
public class DynamicBatcherTests(TrainedExport export)
{
    [Fact]
    public async Task Concurrent_requests_each_get_their_own_scores_bit_for_bit()
    {
        using var scorer = ModelBundle.Load(export.BundleDirectory, export.Catalog);
        var plays = Plays(300);
        var genres = plays.Select((_, i) => i % 3 == 0 ? (IReadOnlyList<string>?)["rock", "pop"] : null).ToList();
        var alone = plays.Select((play, i) => scorer.Score([play], [genres[i]])[0]).ToList();
        Assert.True(alone.Distinct().Count() > 100, "the plays score differently, so a mix-up would show");

        await using var batcher = new DynamicBatcher();
        // Requests of one to four plays from eight threads at once, as concurrent HTTP clients send them.
        var requests = Enumerable.Range(0, plays.Count).Chunk(3).Select(chunk => chunk.Take(1 + chunk[0] % 3).ToArray()).ToList();
        var answers = await Task.WhenAll(requests.Select(indexes => Task.Run(() =>
            batcher.ScoreAsync(scorer, indexes.Select(i => plays[i]).ToList(), indexes.Select(i => genres[i]).ToList()))));

        for (var r = 0; r < requests.Count; r++)
            Assert.Equal(requests[r].Select(i => alone[i]), answers[r]);
    }

    private List<PlayToScore> Plays(int count)
    {
        var timeline = new ListeningTimeline(export.Catalog);
        var transitions = new List<PlayTransition>();
        var plays = new List<PlayToScore>();
        foreach (var line in export.Lines)
        {
            if (SessionEventParser.TryParse(line, out var e, out _))
                timeline.Feed(e!, transitions);
            plays.AddRange(transitions.OfType<PlayToScore>());
            transitions.Clear();
            if (plays.Count >= count)
                break;
        }
        return plays;
    }
}
