using System.Globalization;
using Pozytywka.Contracts;
using Pozytywka.Listening.Exports;
using Pozytywka.Contracts.Json;

namespace Pozytywka.Listening.Catalog;

/// <summary>
/// Loads the four reference files of an export. Faulty rows are reported and kept where they still carry an
/// id; a repeated id keeps its first row. The users file holds each listener's final state, so a listener whose
/// BUY_PREMIUM is in the export's sessions was not premium when those sessions began: their
/// <see cref="Listener.PremiumAtStart"/> is false, and the stream makes them premium at the purchase.
/// </summary>
public static class CatalogLoader
{
    public static Catalog Load(ExportDirectory export, FaultLog faults) => new(
        LoadTracks(export, faults),
        LoadArtists(export, faults),
        LoadStorage(export, faults),
        LoadListeners(export, faults, PremiumBuyers(export)));

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

    public static Dictionary<long, Listener> LoadListeners(ExportDirectory export, FaultLog faults, IReadOnlySet<long> boughtPremiumInExport) =>
        LoadById(export, ExportFile.Users, faults, l => l.UserId, (in CatalogRow row) =>
        {
            var id = row.IntegerId("user_id");
            if (id is null)
                return null;
            var premium = row.Flag("premium_user") ?? false;
            return new Listener(id.Value, row.Strings("favourite_genres"), premium, premium && !boughtPremiumInExport.Contains(id.Value));
        });

    /// <summary>Listeners with a BUY_PREMIUM event in the sessions file (only lines that mention it are parsed).</summary>
    private static HashSet<long> PremiumBuyers(ExportDirectory export)
    {
        var marker = "buy_premium"u8;
        var buyers = new HashSet<long>();
        foreach (var line in export.ReadLines(ExportFile.Sessions))
        {
            if (!ContainsIgnoringCase(line.Bytes.Span, marker))
                continue;
            if (SessionEventParser.TryParse(line.Bytes.Span, out var e, out _) && e!.Type == SessionEventType.BuyPremium)
                buyers.Add(e.UserId);
        }
        return buyers;
    }

    private static byte ToLowerAscii(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c;

    private static bool ContainsIgnoringCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowercase)
    {
        for (var start = 0; start + lowercase.Length <= text.Length; start++)
        {
            var k = 0;
            while (k < lowercase.Length && ToLowerAscii(text[start + k]) == lowercase[k])
                k++;
            if (k == lowercase.Length)
                return true;
        }
        return false;
    }

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
