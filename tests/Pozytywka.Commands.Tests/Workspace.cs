namespace Pozytywka.Commands.Tests;

/// <summary>Fresh working directories for the commands, under one directory per test run, deleted when the run ends.</summary>
public static class Workspace
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string EntryScript => Path.Combine(RepositoryRoot, "pozytywka");

    public static string RunRoot { get; } = Path.Combine(Path.GetTempPath(), "pozytywka-tests", $"commands-{Guid.NewGuid():N}");

    /// <summary>An empty directory to run commands in, as a newcomer's shell would be.</summary>
    public static string NewDirectory()
    {
        var path = Path.Combine(RunRoot, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pozytywka.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Pozytywka.sln not found above the test binaries");
    }

    public sealed class RunCleanup : IDisposable
    {
        public void Dispose()
        {
            try
            {
                if (Directory.Exists(RunRoot))
                    Directory.Delete(RunRoot, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: what a process still holds stays under the temp directory, which is harmless.
            }
        }
    }
}
