using Pozytywka.Contracts;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;

namespace Pozytywka.DevTools.Faults;

/// <summary>One play the input holds: its outcome, whether it is hinted (its track is in the catalog) and the input line of its PLAY.</summary>
public sealed record ExpectedPlay(string PlayId, bool Skipped, bool Hinted, int Line);

/// <summary>
/// What the processor must end with for an input: every play the same <see cref="ListeningTimeline"/> reconstructs
/// from the lines in order (the parity tests show a processor partitioned by listener reconstructs exactly these).
/// </summary>
public static class ExpectedPlays
{
    public static IReadOnlyList<ExpectedPlay> Of(IReadOnlyList<byte[]> lines, Listening.Catalog.Catalog catalog)
    {
        var timeline = new ListeningTimeline(catalog);
        var started = new Dictionary<string, (int Line, bool Hinted)>(StringComparer.Ordinal);
        var skipped = new Dictionary<string, bool>(StringComparer.Ordinal);
        var output = new List<PlayTransition>();
        void Collect(int line)
        {
            foreach (var transition in output)
            {
                if (transition is PlayToScore toScore)
                    started[toScore.Play.PlayId] = (line, catalog.FindTrack(toScore.Play.TrackId) is not null);
                else if (transition is PlayClosed closed)
                    skipped[closed.Play.PlayId] = closed.Outcome.Skipped;
            }
            output.Clear();
        }
        for (var i = 0; i < lines.Count; i++)
        {
            if (SessionEventParser.TryParse(lines[i], out var sessionEvent, out _))
                timeline.Feed(sessionEvent!, output);
            Collect(i);
        }
        timeline.Flush(output);
        Collect(lines.Count);
        return started.Select(s => new ExpectedPlay(s.Key, skipped[s.Key], s.Value.Hinted, s.Value.Line)).ToList();
    }
}
