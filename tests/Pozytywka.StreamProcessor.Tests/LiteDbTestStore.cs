using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>A LiteDB store in a fresh file, for tests that need a real store and nothing else.</summary>
public sealed class LiteDbTestStore : IDisposable
{
    public LiteDbPredictionStore Store { get; } = new(TestDirectories.New("predictions.db"));

    public void Dispose() => Store.Dispose();
}
