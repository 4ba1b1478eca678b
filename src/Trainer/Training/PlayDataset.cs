using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;

namespace Pozytywka.Trainer.Training;

/// <summary>Replays an export through the same <see cref="ListeningTimeline"/> the stream processor runs.</summary>
public static class PlayDataset
{
    public static IReadOnlyList<LabeledPlay> Replay(ExportDirectory export, Catalog catalog, FaultLog faults,
        int listenerHistory = ListeningTimeline.DefaultListenerHistory) => Replay(export, new ListeningTimeline(catalog, listenerHistory: listenerHistory), faults);

    /// <summary>Replays into a given timeline, which then holds every listener's state at the export's end.</summary>
    public static IReadOnlyList<LabeledPlay> Replay(ExportDirectory export, ListeningTimeline timeline, FaultLog faults)
    {
        var started = new Dictionary<string, PlayToScore>(StringComparer.Ordinal);
        var order = new List<string>();
        var outcomes = new Dictionary<string, PlayOutcome>(StringComparer.Ordinal);
        var output = new List<PlayTransition>();

        void Collect()
        {
            foreach (var transition in output)
            {
                switch (transition)
                {
                    case PlayToScore toScore:
                        started[toScore.Play.PlayId] = toScore;
                        order.Add(toScore.Play.PlayId);
                        break;
                    case PlayClosed closed:
                        outcomes[closed.Play.PlayId] = closed.Outcome;
                        break;
                }
            }
            output.Clear();
        }

        foreach (var e in SessionEventReader.Read(export, faults))
        {
            timeline.Feed(e, output);
            Collect();
        }
        timeline.Flush(output);
        Collect();
        return order.Select(id => new LabeledPlay(started[id], outcomes[id].Skipped, outcomes[id].SecondsPlayed)).ToList();
    }
}
