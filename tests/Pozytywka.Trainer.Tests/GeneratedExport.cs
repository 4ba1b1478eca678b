using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Trainer.Synthetic;

namespace Pozytywka.Trainer.Tests;

/// <summary>A fresh generated export (no injected faults), with its catalog and its session events in file order.</summary>
internal sealed record GeneratedExport(ExportDirectory Export, Catalog Catalog, IReadOnlyList<SessionEvent> Events)
{
    public static GeneratedExport Create(int users, int sessions, int seed)
    {
        var directory = TestPaths.NewTempDirectory();
        ExportGenerator.Generate(new GeneratorOptions(directory, users, sessions, seed, Faults: false));
        var export = new ExportDirectory(directory);
        return new GeneratedExport(export, CatalogLoader.Load(export, new FaultLog()), SessionEventReader.Read(export, new FaultLog()).ToList());
    }
}
