using Pozytywka.DevTools.Processes;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary><c>serve</c> as a real process on the trained export, configured through the environment as an operator would.</summary>
public static class ServeProcesses
{
    public static ServeProcess Start(TrainedExport export, string storeDirectory, IReadOnlyDictionary<string, string> environment, string? modelsDirectory = null)
    {
        var settings = environment.ToDictionary(e => e.Key, e => (string?)e.Value);
        settings["Scoring__DataDirectory"] = export.Directory;
        settings["Scoring__ModelsDirectory"] = modelsDirectory ?? export.ModelsDirectory;
        settings["Store__DataDirectory"] = storeDirectory;
        settings["Scoring__Device"] = "cpu";
        settings["Serilog__MinimumLevel__Default"] = "Warning";
        return ServeProcess.Start(settings);
    }
}
