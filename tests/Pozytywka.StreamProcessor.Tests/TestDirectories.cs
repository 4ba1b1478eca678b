[assembly: AssemblyFixture(typeof(Pozytywka.StreamProcessor.Tests.TestDirectories))]

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Scratch directories for one test run, all under one root that is deleted when the run ends.</summary>
public sealed class TestDirectories : IDisposable
{
    private static readonly string RunRoot = Path.Combine(Path.GetTempPath(), "pozytywka-tests", $"stream-processor-{Guid.NewGuid():N}");

    public static string New(string? child = null)
    {
        var path = Path.Combine(RunRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return child is null ? path : Path.Combine(path, child);
    }

    public void Dispose()
    {
        // Best effort: a file some process still holds stays behind under the temp directory, which is harmless.
        try
        {
            if (Directory.Exists(RunRoot))
                Directory.Delete(RunRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
