namespace Pozytywka.Trainer.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The real export lives outside the repository and is never copied in; tests skip without it.</summary>
    public static string RealExport =>
        Environment.GetEnvironmentVariable("POZYTYWKA_REAL_EXPORT")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "pozytywka-v2"));

    public static string RequireRealExport()
    {
        var path = RealExport;
        if (!File.Exists(Path.Combine(path, "sessions.jsonl")))
            Assert.Skip($"the real export is not at {path} (set POZYTYWKA_REAL_EXPORT to point at it)");
        return path;
    }

    /// <summary>A scratch directory under this run's root, which <see cref="TestRunCleanup"/> deletes when the run ends.</summary>
    public static string NewTempDirectory()
    {
        var path = Path.Combine(RunRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string RunRoot { get; } = Path.Combine(Path.GetTempPath(), "pozytywka-tests", $"trainer-{Guid.NewGuid():N}");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pozytywka.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Pozytywka.sln not found above the test binaries");
    }
}
