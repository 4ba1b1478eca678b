namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Where the repository's files are, and whether a tool the tests drive is installed.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static bool OnPath(string program) =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(d => File.Exists(Path.Combine(d, program))) == true;

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pozytywka.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("no Pozytywka.sln above the test binaries");
    }
}
