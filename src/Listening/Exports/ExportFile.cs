namespace Pozytywka.Listening.Exports;

/// <summary>The five files of a Pozytywka export.</summary>
public enum ExportFile
{
    Artists,
    Sessions,
    Tracks,
    TrackStorage,
    Users,
}

public static class ExportFiles
{
    public static IReadOnlyList<ExportFile> All { get; } = Enum.GetValues<ExportFile>();

    public static string BaseName(this ExportFile file) => file switch
    {
        ExportFile.Artists => "artists",
        ExportFile.Sessions => "sessions",
        ExportFile.Tracks => "tracks",
        ExportFile.TrackStorage => "track_storage",
        ExportFile.Users => "users",
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, null),
    };
}
