using System.Globalization;
using Pozytywka.Listening.Exports;

namespace Pozytywka.Listening.Catalog;

/// <summary>
/// Loads the four reference files of an export. Faulty rows are reported and kept where they still carry an
/// id; a repeated id keeps its first row.
/// </summary>
public static class CatalogLoader
{
    public static Catalog Load(ExportDirectory export, FaultLog faults) => new(
        LoadTracks(export, faults),
        LoadArtists(export, faults),
        LoadStorage(export, faults),
        LoadListeners(export, faults));

    public static Dictionary<string, Track> LoadTracks(ExportDirectory export, FaultLog faults) =>
        LoadById(export, ExportFile.Tracks, faults, t => t.Id, (in CatalogRow row) =>
        {
            var id = row.Id("id");
            if (id is null)
                return null;
            var properties = new double[TrackProperties.Count];
            foreach (var property in TrackProperties.All)
            {
                properties[(int)property] = property == TrackProperty.ReleaseYear
                    ? ReleaseYear(row.Text("release_date"))
                    : row.Number(property.FieldName());
            }
            return new Track(id, row.Text("name") ?? "", row.Id("id_artist", "artist_id"), properties);
        });

    public static Dictionary<string, Artist> LoadArtists(ExportDirectory export, FaultLog faults) =>
        LoadById(export, ExportFile.Artists, faults, a => a.Id, (in CatalogRow row) =>
        {
            var id = row.Id("id");
            return id is null ? null : new Artist(id, row.Text("name") ?? "", row.Strings("genres"));
        });

    public static Dictionary<string, TrackStorage> LoadStorage(ExportDirectory export, FaultLog faults) =>
        LoadById(export, ExportFile.TrackStorage, faults, s => s.TrackId, (in CatalogRow row) =>
        {
            var id = row.Id("track_id");
            return id is null ? null : new TrackStorage(id, row.Text("storage_class") ?? "UNKNOWN", row.Number("daily_cost"));
        });

    public static Dictionary<long, Listener> LoadListeners(ExportDirectory export, FaultLog faults) =>
        LoadById(export, ExportFile.Users, faults, l => l.UserId, (in CatalogRow row) =>
        {
            var id = row.IntegerId("user_id");
            return id is null ? null : new Listener(id.Value, row.Strings("favourite_genres"), row.Flag("premium_user") ?? false);
        });

    private delegate TValue? RowMapper<TValue>(in CatalogRow row);

    private static Dictionary<TKey, TValue> LoadById<TKey, TValue>(
        ExportDirectory export, ExportFile file, FaultLog faults, Func<TValue, TKey> keyOf, RowMapper<TValue> map)
        where TKey : notnull
        where TValue : class
    {
        var byId = new Dictionary<TKey, TValue>();
        if (export.Locate(file) is null)
            faults.Record(file.BaseName(), "(file)", "missing", export.Path);
        foreach (var line in export.ReadLines(file))
        {
            if (!CatalogRow.TryOpen(line, file, faults, out var document, out var row))
                continue;
            using (document)
            {
                if (map(row) is not { } value)
                    continue;
                if (!byId.TryAdd(keyOf(value), value))
                    faults.Record(file.BaseName(), "id", "duplicate id", row.Where);
            }
        }
        return byId;
    }

    /// <summary>Release dates come as "2011-01-01", "2011-01" or "2011"; the year is what the models use.</summary>
    private static double ReleaseYear(string? releaseDate) =>
        releaseDate is { Length: >= 4 } && int.TryParse(releaseDate.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? year
            : double.NaN;
}
