namespace Pozytywka.Trainer.Synthetic;

public sealed record SyntheticArtist(string Id, string Name, string[] Genres);

public sealed record SyntheticTrack(
    string Id, string Name, int ArtistIndex, int Popularity, int DurationMs, bool Explicit, string ReleaseDate,
    double Danceability, double Energy, int Key, double Loudness, double Speechiness, double Acousticness,
    double Instrumentalness, double Liveness, double Valence, double Tempo);

/// <param name="DanceabilityCut">The listener's personal taste threshold (<see cref="PlantedEffects.DislikedSideOfTaste"/>).</param>
/// <param name="DislikesLowDanceability">Which side of the cut they skip more: at or below it, or above it.</param>
public sealed record SyntheticUser(long UserId, string Name, string City, string Street, string[] FavouriteGenres,
    bool PremiumAtStart, double SkipBias, double DanceabilityCut, bool DislikesLowDanceability)
{
    /// <summary>Set when the listener buys premium during the export; users.jsonl shows the final state.</summary>
    public bool BoughtPremium { get; set; }
}

/// <summary>The reference data of a generated export: genres in families, artists, tracks and listeners.</summary>
public sealed class SyntheticWorld
{
    private static readonly string[] GenreFamilies = ["rock", "pop", "jazz", "hip hop", "folk", "electronic", "metal", "classical"];
    private static readonly string[] GenrePrefixes = ["polish", "indie", "modern", "classic", "alternative", "latin", "nordic", "underground"];
    private static readonly string[] FirstNames = ["Anna", "Jan", "Klara", "Szymon", "Zofia", "Piotr", "Maja", "Tomasz", "Ewa", "Adam"];
    private static readonly string[] Surnames = ["Nowak", "Kowalska", "Herdzik", "Plebanek", "Zawal", "Wrona", "Lis", "Mazur"];
    private static readonly string[] Cities = ["Szczecin", "Kraków", "Gdynia", "Warszawa", "Poznań", "Wrocław"];
    private static readonly string[] Words = ["Night", "River", "Light", "Dance", "Heart", "Storm", "Road", "Dream", "Fire", "Blue", "Echo", "Summer"];

    public SyntheticWorld(GeneratorOptions options, SyntheticRandom random)
    {
        Genres = GenreFamilies.SelectMany(f => GenrePrefixes.Select(p => $"{p} {f}").Prepend(f)).ToArray();
        Artists = Enumerable.Range(0, options.Artists).Select(i => NewArtist(i, random)).ToArray();
        Tracks = Enumerable.Range(0, options.Tracks).Select(i => NewTrack(i, random)).ToArray();
        Users = Enumerable.Range(0, options.Users).Select(i => NewUser(101 + i, random)).ToArray();

        TracksByGenre = Genres.ToDictionary(g => g, _ => new List<int>());
        for (var t = 0; t < Tracks.Length; t++)
        {
            foreach (var genre in Artists[Tracks[t].ArtistIndex].Genres)
                TracksByGenre[genre].Add(t);
        }
        _popularityCumulative = new double[Tracks.Length];
        double total = 0;
        for (var t = 0; t < Tracks.Length; t++)
            _popularityCumulative[t] = total += 1 + Tracks[t].Popularity;
    }

    private readonly double[] _popularityCumulative;

    public string[] Genres { get; }
    public SyntheticArtist[] Artists { get; }
    public SyntheticTrack[] Tracks { get; }
    public SyntheticUser[] Users { get; }
    public Dictionary<string, List<int>> TracksByGenre { get; }

    /// <summary>A track drawn with probability proportional to 1 + popularity.</summary>
    public int PopularTrack(SyntheticRandom random)
    {
        var index = Array.BinarySearch(_popularityCumulative, random.Uniform() * _popularityCumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, Tracks.Length - 1);
    }

    public bool GenreMatch(SyntheticUser user, SyntheticTrack track) =>
        Artists[track.ArtistIndex].Genres.Any(user.FavouriteGenres.Contains);

    private SyntheticArtist NewArtist(int index, SyntheticRandom random)
    {
        var family = random.Below(GenreFamilies.Length);
        var genres = Genres.Where(g => g.EndsWith(GenreFamilies[family], StringComparison.Ordinal))
            .OrderBy(_ => random.Uniform()).Take(random.Between(1, 4)).ToArray();
        return new SyntheticArtist(random.Id(), $"{random.Pick(Words)} {random.Pick(Surnames)} {index}", genres);
    }

    private SyntheticTrack NewTrack(int index, SyntheticRandom random) => new(
        random.Id(),
        $"{random.Pick(Words)} {random.Pick(Words)} {index}",
        random.Below(Artists.Length),
        (int)Math.Clamp(random.Normal(40, 22), 0, 100),
        (int)Math.Clamp(random.Normal(215_000, 55_000), 45_000, 900_000),
        random.Chance(0.1),
        $"{random.Between(1960, 2024)}-{random.Between(1, 13):00}-{random.Between(1, 29):00}",
        Math.Round(random.Uniform(0.1, 0.95), 3),
        Math.Round(random.Uniform(0.05, 1.0), 3),
        random.Below(12),
        Math.Round(random.Uniform(-25, -1), 3),
        Math.Round(random.Uniform(0.02, 0.4), 4),
        Math.Round(random.Uniform(0, 1), 4),
        Math.Round(random.Chance(0.2) ? random.Uniform(0, 1) : 0, 4),
        Math.Round(random.Uniform(0.03, 0.6), 3),
        Math.Round(random.Uniform(0.05, 0.97), 3),
        Math.Round(random.Uniform(60, 200), 3));

    private SyntheticUser NewUser(long userId, SyntheticRandom random) => new(
        userId,
        $"{random.Pick(FirstNames)} {random.Pick(Surnames)}",
        random.Pick(Cities),
        $"ul. {random.Pick(Words)} {random.Between(1, 99)}/{random.Between(1, 60)}",
        Genres.OrderBy(_ => random.Uniform()).Take(3).ToArray(),
        random.Chance(0.3),
        random.Normal(0, PlantedEffects.ListenerBiasStd),
        random.Uniform(PlantedEffects.TasteCutLow, PlantedEffects.TasteCutHigh),
        random.Chance(0.5));
}
