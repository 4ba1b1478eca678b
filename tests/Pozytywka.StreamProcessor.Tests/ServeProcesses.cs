using Pozytywka.DevTools.Processes;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary><c>serve</c> as a real process on the trained export, configured through the environment as an operator would.</summary>
public static class ServeProcesses
{
    public static ServeProcess Start(TrainedExport export, string storeDirectory, IReadOnlyDictionary<string, string> environment, string? modelsDirectory = null)
    {
        var settings = environment.ToDictionary(e => e.Key, e => (string?)e.Value);
        foreach (var (key, value) in new ProcessorSettings()
                     .Set<ScoringOptions>(nameof(ScoringOptions.DataDirectory), export.Directory)
                     .Set<ScoringOptions>(nameof(ScoringOptions.ModelsDirectory), modelsDirectory ?? export.ModelsDirectory)
                     .Set<ScoringOptions>(nameof(ScoringOptions.Device), "cpu")
                     .Set<StoreOptions>(nameof(StoreOptions.DataDirectory), storeDirectory)
                     .Set("Serilog:MinimumLevel:Default", "Warning")
                     .ToEnvironment())
            settings[key] = value;
        return ServeProcess.Start(settings);
    }
}
