using System.IO.Compression;
using System.Text.Json;

namespace Pozytywka.Reference;

/// <summary>Counts of an export's catalog files, read line by line with nothing but a JSON parser.</summary>
public sealed record ExportFacts(long TrackRows, long TrackRowsRepeatingNameAndArtist, long TracksWithoutStorage, long SessionTracksMissingFromTracks)
{
    public static ExportFacts Of(string directory)
    {
        var tracks = Objects(directory, "tracks").ToList();
        var trackIds = TrackIds(directory);
        var stored = Objects(directory, "track_storage").Select(s => Text(s, "track_id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var namesAndArtists = new HashSet<(string?, string?)>();
        var sessionTracks = Objects(directory, "sessions").Select(e => Text(e, "track_id")).Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
        return new ExportFacts(
            tracks.Count,
            tracks.Count(t => !namesAndArtists.Add((Text(t, "name"), Text(t, "id_artist") ?? Text(t, "artist_id")))),
            trackIds.Count(id => !stored.Contains(id)),
            sessionTracks.Count(id => !trackIds.Contains(id!)));
    }

    /// <summary>The ids of the tracks file: the tracks the processor hints (a play of any other track is scored, never hinted).</summary>
    public static HashSet<string> TrackIds(string directory) =>
        Objects(directory, "tracks").Select(t => Text(t, "id")).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The raw lines of one export file, <c>.jsonl</c> or <c>.jsonl.gz</c>.</summary>
    public static IEnumerable<byte[]> Lines(string directory, string file)
    {
        var path = Path.Combine(directory, $"{file}.jsonl");
        using var stream = File.Exists(path) ? File.OpenRead(path) : (Stream)new GZipStream(File.OpenRead(path + ".gz"), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                yield return System.Text.Encoding.UTF8.GetBytes(line);
        }
    }

    private static IEnumerable<JsonElement> Objects(string directory, string file) =>
        Lines(directory, file).Select(line => JsonDocument.Parse(line).RootElement);

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
