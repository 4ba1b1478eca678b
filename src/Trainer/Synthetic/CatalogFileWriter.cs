using System.IO.Compression;
using System.Text.Json;

namespace Pozytywka.Trainer.Synthetic;

/// <summary>
/// Writes artists, tracks, track_storage and users in the real export's schema. Under --faults it writes
/// the variants and faults other exports show (artist_id, nulls, -1 ids, missing fields, duplicates, gzip)
/// and counts each in the manifest.
/// </summary>
public sealed class CatalogFileWriter(SyntheticWorld world, FaultManifest? faults)
{
    private const int FaultEveryNth = 101;

    public void WriteAll(string directory)
    {
        Write(Path.Combine(directory, faults is null ? "artists.jsonl" : "artists.jsonl.gz"), WriteArtists);
        Write(Path.Combine(directory, "tracks.jsonl"), WriteTracks);
        Write(Path.Combine(directory, "track_storage.jsonl"), WriteStorage);
        Write(Path.Combine(directory, "users.jsonl"), WriteUsers);
    }

    private static void Write(string path, Action<Action<Action<Utf8JsonWriter>>> body)
    {
        using var file = File.Create(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        var newline = "\n"u8.ToArray();
        body(writeRow =>
        {
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                writeRow(json);
                json.WriteEndObject();
            }
            stream.Write(newline);
        });
    }

    private bool Inject(int index, int kind) => faults is not null && index % FaultEveryNth == kind;

    private void WriteArtists(Action<Action<Utf8JsonWriter>> row)
    {
        for (var i = 0; i < world.Artists.Length; i++)
        {
            var artist = world.Artists[i];
            var duplicateName = Inject(i, 1) && i > 0;
            var nullGenres = Inject(i, 2);
            row(json =>
            {
                json.WriteString("id", artist.Id);
                json.WriteString("name", duplicateName ? world.Artists[i - 1].Name : artist.Name);
                if (nullGenres)
                    json.WriteNull("genres");
                else
                    WriteStrings(json, "genres", artist.Genres);
            });
            if (duplicateName)
                faults!.DuplicateArtistNames++;
            if (nullGenres)
                faults!.Add("artists", "genres", "null");
        }
    }

    private void WriteTracks(Action<Action<Utf8JsonWriter>> row)
    {
        var artistField = faults is null ? "id_artist" : "artist_id";
        for (var i = 0; i < world.Tracks.Length; i++)
        {
            var t = world.Tracks[i];
            var nullPopularity = Inject(i, 1);
            var noArtist = Inject(i, 2);
            var noEnergy = Inject(i, 3);
            var yearOnly = Inject(i, 4);
            void Body(Utf8JsonWriter json, string id, string name)
            {
                json.WriteString("id", id);
                json.WriteString("name", name);
                if (nullPopularity)
                    json.WriteNull("popularity");
                else
                    json.WriteNumber("popularity", t.Popularity);
                json.WriteNumber("duration_ms", t.DurationMs);
                json.WriteNumber("explicit", t.Explicit ? 1 : 0);
                json.WriteString(artistField, noArtist ? "-1" : world.Artists[t.ArtistIndex].Id);
                json.WriteString("release_date", yearOnly ? t.ReleaseDate[..4] : t.ReleaseDate);
                json.WriteNumber("danceability", t.Danceability);
                if (!noEnergy)
                    json.WriteNumber("energy", t.Energy);
                json.WriteNumber("key", t.Key);
                json.WriteNumber("loudness", t.Loudness);
                json.WriteNumber("speechiness", t.Speechiness);
                json.WriteNumber("acousticness", t.Acousticness);
                json.WriteNumber("instrumentalness", t.Instrumentalness);
                json.WriteNumber("liveness", t.Liveness);
                json.WriteNumber("valence", t.Valence);
                json.WriteNumber("tempo", t.Tempo);
            }
            row(json => Body(json, t.Id, t.Name));
            if (nullPopularity)
                faults!.Add("tracks", "popularity", "null");
            if (noArtist)
            {
                faults!.Add("tracks", "id_artist", "-1 id");
                faults.TracksWithMissingArtist++;
            }
            if (noEnergy)
                faults!.Add("tracks", "energy", "missing");
            if (Inject(i, 5))
            {
                row(json => Body(json, t.Id, t.Name));
                faults!.Add("tracks", "id", "duplicate id");
            }
            if (Inject(i, 6))
            {
                row(json => Body(json, DuplicateTrackId(t), t.Name));
                faults!.DuplicateTrackNameArtistRows++;
                if (noArtist)
                    faults.TracksWithMissingArtist++;
            }
        }
    }

    private void WriteStorage(Action<Action<Utf8JsonWriter>> row)
    {
        var ranked = world.Tracks.Select((t, i) => (t, i)).OrderByDescending(x => x.t.Popularity).Select((x, rank) => (x.t, x.i, rank)).OrderBy(x => x.i);
        foreach (var (t, i, rank) in ranked)
        {
            if (Inject(i, 7))
            {
                faults!.TracksWithoutStorage++;
                continue;
            }
            var storageClass = rank < world.Tracks.Length / 100 ? "FAST" : rank < world.Tracks.Length / 10 ? "MEDIUM" : "SLOW";
            var cost = Math.Round(t.DurationMs / 1e7 * (storageClass == "FAST" ? 4 : storageClass == "MEDIUM" ? 2 : 1), 8);
            WriteStorageRow(row, t.Id, storageClass, cost);
            if (Inject(i, 6))
                WriteStorageRow(row, DuplicateTrackId(t), storageClass, cost);
        }
    }

    private static void WriteStorageRow(Action<Action<Utf8JsonWriter>> row, string trackId, string storageClass, double cost) =>
        row(json =>
        {
            json.WriteString("track_id", trackId);
            json.WriteString("storage_class", storageClass);
            json.WriteNumber("daily_cost", cost);
        });

    private void WriteUsers(Action<Action<Utf8JsonWriter>> row)
    {
        for (var i = 0; i < world.Users.Length; i++)
        {
            var u = world.Users[i];
            var nullGenres = Inject(i, 3);
            row(json =>
            {
                json.WriteNumber("user_id", u.UserId);
                json.WriteString("name", u.Name);
                json.WriteString("city", u.City);
                json.WriteString("street", u.Street);
                if (nullGenres)
                    json.WriteNull("favourite_genres");
                else
                    WriteStrings(json, "favourite_genres", u.FavouriteGenres);
                json.WriteBoolean("premium_user", u.PremiumAtStart || u.BoughtPremium);
            });
            if (nullGenres)
                faults!.Add("users", "favourite_genres", "null");
        }
    }

    /// <summary>The re-released copy of a track: a new id for the same name and artist.</summary>
    private static string DuplicateTrackId(SyntheticTrack t) => "dup" + t.Id[3..];

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
