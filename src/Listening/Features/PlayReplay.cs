using Pozytywka.Contracts;
using Pozytywka.Listening.Plays;

namespace Pozytywka.Listening.Features;

/// <summary>A play as it was known at its PLAY, its outcome, and where its PLAY came from in the input.</summary>
public sealed record ReplayedPlay(PlayToScore Started, PlayOutcome Outcome, int Source);

/// <summary>
/// Replays events in order through a <see cref="ListeningTimeline"/> and pairs every play it starts with its outcome,
/// ending what is still open at the input's end: the Trainer's datasets and the fault report's expectations are both
/// this, so neither can reconstruct plays differently from the processor.
/// </summary>
public static class PlayReplay
{
    /// <param name="events">Each event with where it came from (a line number, say); a null event (an unreadable line) only moves the position on.</param>
    /// <returns>Plays in the order they started; the timeline then holds every listener's state at the input's end.</returns>
    public static IReadOnlyList<ReplayedPlay> Run(IEnumerable<(SessionEvent? Event, int Source)> events, ListeningTimeline timeline)
    {
        var started = new Dictionary<string, (PlayToScore Play, int Source)>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, PlayOutcome>(StringComparer.Ordinal);
        var output = new List<PlayTransition>();

        void Collect(int source)
        {
            foreach (var transition in output)
            {
                if (transition is PlayToScore toScore)
                    started[toScore.Play.PlayId] = (toScore, source);
                else if (transition is PlayClosed closed)
                    outcomes[closed.Play.PlayId] = closed.Outcome;
            }
            output.Clear();
        }

        var end = 0;
        foreach (var (e, source) in events)
        {
            if (e is not null)
                timeline.Feed(e, output);
            Collect(source);
            end = source + 1;
        }
        timeline.Flush(output);
        Collect(end);
        return started.Select(s => new ReplayedPlay(s.Value.Play, outcomes[s.Key], s.Value.Source)).ToList();
    }
}
