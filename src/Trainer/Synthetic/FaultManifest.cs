namespace Pozytywka.Trainer.Synthetic;

/// <summary>
/// What <c>generate --faults</c> injected, in the terms <c>analyze</c> reports, so a test can check that
/// every injected fault is counted exactly once. Written as <c>faults.json</c> beside the export.
/// </summary>
public sealed class FaultManifest
{
    public Dictionary<string, long> Faults { get; init; } = [];
    public long DuplicateArtistNames { get; set; }
    public long DuplicateTrackNameArtistRows { get; set; }
    public long SessionTracksMissingFromTracks { get; set; }
    public long SessionEventsWithMissingTrack { get; set; }
    public long TracksWithoutStorage { get; set; }
    public long TracksWithMissingArtist { get; set; }
    public long SkipsWithoutPrecedingPlay { get; set; }

    /// <summary>Counts a fault under the key analyze uses: <c>file.field: kind</c>.</summary>
    public void Add(string file, string field, string kind) =>
        Faults[$"{file}.{field}: {kind}"] = Faults.GetValueOrDefault($"{file}.{field}: {kind}") + 1;
}
