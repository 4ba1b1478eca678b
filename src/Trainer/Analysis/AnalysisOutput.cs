using System.Globalization;
using System.Text.Json;

namespace Pozytywka.Trainer.Analysis;

/// <summary>Prints an <see cref="ExportAnalysis"/> as tables and writes it as JSON with its histograms.</summary>
public static class AnalysisOutput
{
    public static void Print(ExportAnalysis a, TextWriter o)
    {
        o.WriteLine($"Export: {a.Data}");
        Table(o, "Rows per file", a.RowsPerFile.Select(r => (r.Key, N(r.Value))));
        Table(o, "Events per type", a.EventsPerType.Select(r => (r.Key, N(r.Value))));
        Table(o, "Plays", [
            ("plays", N(a.Plays)),
            ("skipped", N(a.SkippedPlays)),
            ("skip rate", a.SkipRate.ToString("P2", CultureInfo.InvariantCulture)),
            ("SKIPs without a preceding PLAY", N(a.SkipsWithoutPrecedingPlay)),
        ]);
        Table(o, "Duplicates and integrity", [
            ("duplicate artist names", N(a.DuplicateArtistNames)),
            ("track rows repeating a (name, artist)", N(a.DuplicateTrackNameArtistRows)),
            ("session track ids missing from tracks", N(a.Integrity.SessionTracksMissingFromTracks)),
            ("session events naming a missing track", N(a.Integrity.SessionEventsWithMissingTrack)),
            ("tracks without storage", N(a.Integrity.TracksWithoutStorage)),
            ("tracks whose artist is missing", N(a.Integrity.TracksWithMissingArtist)),
        ]);
        Table(o, "Seconds from PLAY to SKIP", Stats(a.SecondsFromPlayToSkip));
        Table(o, "Track duration (seconds)", Stats(a.TrackDurationSeconds));
        Table(o, $"Faults ({N(a.Faults.Sum(f => f.Count))})",
            a.Faults.Count == 0 ? [("none", "")] : a.Faults.Select(f => ($"{f.File}.{f.Field}: {f.Kind}", $"{N(f.Count)}  (first: {f.FirstSeen})")));
    }

    /// <summary>Writes the JSON report and, beside it, the PLAY→SKIP and track-duration histograms.</summary>
    public static IReadOnlyList<string> Write(AnalysisResult result, string jsonPath)
    {
        var a = result.Report;
        var directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        Directory.CreateDirectory(directory);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(a, AnalysisJsonContext.Default.ExportAnalysis));

        var skipPng = Path.Combine(directory, "play_to_skip_seconds.png");
        Histograms.Save(skipPng, result.PlayToSkipSeconds, "Seconds from PLAY to SKIP", "seconds");
        var durationPng = Path.Combine(directory, "track_duration_seconds.png");
        Histograms.Save(durationPng, result.TrackDurationSeconds, "Track duration (dashed: 1st and 99th percentile)", "seconds",
            a.TrackDurationSeconds.P1, a.TrackDurationSeconds.P99);
        return [jsonPath, skipPng, durationPng];
    }

    private static IEnumerable<(string, string)> Stats(Summary s) =>
    [
        ("count", N(s.Count)), ("mean", F(s.Mean)), ("median", F(s.Median)), ("min", F(s.Min)),
        ("max", F(s.Max)), ("std", F(s.Std)), ("1st percentile", F(s.P1)), ("99th percentile", F(s.P99)),
    ];

    private static void Table(TextWriter o, string title, IEnumerable<(string Name, string Value)> rows)
    {
        var list = rows.ToList();
        var width = Math.Max(title.Length, list.Max(r => r.Name.Length));
        o.WriteLine();
        o.WriteLine(title);
        o.WriteLine(new string('-', width + 2 + list.Max(r => r.Value.Length)));
        foreach (var (name, value) in list)
            o.WriteLine($"{name.PadRight(width)}  {value}");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
