[assembly: AssemblyFixture(typeof(Pozytywka.Trainer.Tests.TestRunCleanup))]

namespace Pozytywka.Trainer.Tests;

/// <summary>Deletes this run's scratch directories once every test has finished.</summary>
public sealed class TestRunCleanup : IDisposable
{
    public void Dispose()
    {
        // Best effort: a file some process still holds stays behind under the temp directory, which is harmless.
        try
        {
            if (Directory.Exists(TestPaths.RunRoot))
                Directory.Delete(TestPaths.RunRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
