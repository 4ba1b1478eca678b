namespace Pozytywka.Listening.Catalog;

/// <summary>The reference data of an export: tracks, artists, storage classes and listeners, by id.</summary>
public sealed class Catalog(
    IReadOnlyDictionary<string, Track> tracks,
    IReadOnlyDictionary<string, Artist> artists,
    IReadOnlyDictionary<string, TrackStorage> storage,
    IReadOnlyDictionary<long, Listener> listeners)
{
    public IReadOnlyDictionary<string, Track> Tracks { get; } = tracks;
    public IReadOnlyDictionary<string, Artist> Artists { get; } = artists;
    public IReadOnlyDictionary<string, TrackStorage> Storage { get; } = storage;
    public IReadOnlyDictionary<long, Listener> Listeners { get; } = listeners;

    public Track? FindTrack(string trackId) => Tracks.GetValueOrDefault(trackId);

    public Artist? ArtistOf(Track track) => track.ArtistId is { } id ? Artists.GetValueOrDefault(id) : null;

    public IReadOnlyList<string> GenresOf(Track track) => ArtistOf(track)?.Genres ?? [];
}
