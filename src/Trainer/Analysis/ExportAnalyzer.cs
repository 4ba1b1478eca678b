using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Plays;

namespace Pozytywka.Trainer.Analysis;

/// <summary>Reads a whole export once and measures its quality, its events and its plays.</summary>
public static class ExportAnalyzer
{
    public static AnalysisResult Analyze(ExportDirectory export, IProgress<string>? progress = null)
    {
        var faults = new FaultLog();
        progress?.Report("loading catalog");
        var catalog = CatalogLoader.Load(export, faults);

        progress?.Report("replaying sessions");
        var eventsPerType = Enum.GetValues<SessionEventType>().ToDictionary(t => t.ToWire(), _ => 0L);
        var missingTrackIds = new HashSet<string>();
        long eventsWithMissingTrack = 0, plays = 0, skipped = 0, skipsWithoutPlay = 0;
        var playToSkipSeconds = new List<double>();
        var reconstructor = new PlayReconstructor(id => catalog.FindTrack(id)?.DurationSeconds);
        var transitions = new List<PlayTransition>();

        void Tally(List<PlayTransition> batch)
        {
            foreach (var transition in batch)
            {
                switch (transition)
                {
                    case PlayClosed closed:
                        plays++;
                        if (closed.Outcome.Skipped)
                        {
                            skipped++;
                            playToSkipSeconds.Add(closed.Outcome.SecondsPlayed);
                        }
                        break;
                    case PlayFault fault:
                        faults.Record("plays", fault.Event.Type.ToWire(), fault.Kind.ToString(), $"session {fault.Event.SessionId} at {Timestamps.Format(fault.Event.Timestamp)}");
                        if (fault.Kind is PlayFaultKind.SkipWithoutPlay or PlayFaultKind.SkipOfOtherTrack)
                            skipsWithoutPlay++;
                        break;
                }
            }
            batch.Clear();
        }

        foreach (var e in SessionEventReader.Read(export, faults))
        {
            eventsPerType[e.Type.ToWire()]++;
            if (e.TrackId is { } trackId && !catalog.Tracks.ContainsKey(trackId))
            {
                eventsWithMissingTrack++;
                missingTrackIds.Add(trackId);
            }
            reconstructor.Feed(e, transitions);
            Tally(transitions);
        }
        reconstructor.Flush(transitions);
        Tally(transitions);

        progress?.Report("counting rows");
        var rows = ExportFiles.All.ToDictionary(f => f.BaseName(), f => (long)export.ReadLines(f).Count());
        var tracks = catalog.Tracks.Values;
        var durations = tracks.Select(t => t.DurationSeconds).OfType<double>().ToList();
        var report = new ExportAnalysis(
            export.Path,
            rows,
            faults.Tallies().Select(t => new FaultRow(t.Key.Source, t.Key.Field, t.Key.Kind, t.Count, t.FirstSeen)).ToList(),
            RepeatedCount(catalog.Artists.Values.Select(a => a.Name)),
            RepeatedCount(tracks.Select(t => (t.Name, t.ArtistId))),
            new ReferentialIntegrity(
                missingTrackIds.Count,
                eventsWithMissingTrack,
                tracks.Count(t => !catalog.Storage.ContainsKey(t.Id)),
                tracks.Count(t => t.ArtistId is null || !catalog.Artists.ContainsKey(t.ArtistId))),
            skipsWithoutPlay,
            eventsPerType,
            plays,
            skipped,
            plays == 0 ? 0 : (double)skipped / plays,
            Summary.Of(playToSkipSeconds),
            Summary.Of(durations));
        return new AnalysisResult(report, playToSkipSeconds, durations);
    }

    /// <summary>How many items repeat one seen before them.</summary>
    private static long RepeatedCount<T>(IEnumerable<T> items)
    {
        var seen = new HashSet<T>();
        return items.LongCount(item => !seen.Add(item));
    }
}
