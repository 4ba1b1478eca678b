namespace Pozytywka.Listening.Exports;

/// <summary>A directory holding an export, each file as <c>NAME.jsonl</c> or <c>NAME.jsonl.gz</c>.</summary>
public sealed class ExportDirectory
{
    public ExportDirectory(string path)
    {
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"export directory '{path}' does not exist");
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    /// <summary>The file's path, or null when the export lacks it (reported, not fatal).</summary>
    public string? Locate(ExportFile file)
    {
        foreach (var candidate in new[] { ".jsonl", ".jsonl.gz" })
        {
            var path = System.IO.Path.Combine(Path, file.BaseName() + candidate);
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    public IEnumerable<JsonLine> ReadLines(ExportFile file) =>
        Locate(file) is { } path ? JsonLines.Read(path) : [];
}
