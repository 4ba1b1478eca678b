namespace Pozytywka.Trainer.Analysis;

/// <summary>The data-quality report of an export, as printed by <c>analyze</c> and written to JSON.</summary>
public sealed record ExportAnalysis(
    string Data,
    IReadOnlyDictionary<string, long> RowsPerFile,
    IReadOnlyList<FaultRow> Faults,
    long DuplicateArtistNames,
    long DuplicateTrackNameArtistRows,
    ReferentialIntegrity Integrity,
    long SkipsWithoutPrecedingPlay,
    IReadOnlyDictionary<string, long> EventsPerType,
    long Plays,
    long SkippedPlays,
    double SkipRate,
    Summary SecondsFromPlayToSkip,
    Summary TrackDurationSeconds);

public sealed record FaultRow(string File, string Field, string Kind, long Count, string FirstSeen);

public sealed record ReferentialIntegrity(
    long SessionTracksMissingFromTracks,
    long SessionEventsWithMissingTrack,
    long TracksWithoutStorage,
    long TracksWithMissingArtist);

/// <summary>The report with the samples behind its statistics, for charts.</summary>
public sealed record AnalysisResult(ExportAnalysis Report, IReadOnlyList<double> PlayToSkipSeconds, IReadOnlyList<double> TrackDurationSeconds);
