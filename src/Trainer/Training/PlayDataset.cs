using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;

namespace Pozytywka.Trainer.Training;

/// <summary>Replays an export through the same <see cref="ListeningTimeline"/> the stream processor runs.</summary>
public static class PlayDataset
{
    public static IReadOnlyList<LabeledPlay> Replay(ExportDirectory export, Catalog catalog, FaultLog faults,
        int listenerHistory = ListeningTimeline.DefaultListenerHistory) => Replay(export, new ListeningTimeline(catalog, listenerHistory: listenerHistory), faults);

    /// <summary>Replays into a given timeline, which then holds every listener's state at the export's end.</summary>
    public static IReadOnlyList<LabeledPlay> Replay(ExportDirectory export, ListeningTimeline timeline, FaultLog faults) =>
        PlayReplay.Run(SessionEventReader.Read(export, faults).Select(e => ((SessionEvent?)e, 0)), timeline)
            .Select(p => new LabeledPlay(p.Started, p.Outcome.Skipped, p.Outcome.SecondsPlayed)).ToList();
}
