using Microsoft.Extensions.Configuration;
using Pozytywka.Listening.Hints;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// The <c>CacheHints</c> section as the processor reads it where it is deployed: its settings file (optional), then
/// <c>CacheHints__*</c> environment variables over it, so <c>simulate-cache</c> prices the configuration that runs.
/// </summary>
public static class DeployedHintOptions
{
    public static CacheHintOptions Read(string? settingsFile)
    {
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            if (!File.Exists(settingsFile))
                throw new FileNotFoundException($"processor settings file {settingsFile} does not exist", settingsFile);
            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }
        var options = new CacheHintOptions();
        builder.AddEnvironmentVariables().Build().GetSection(CacheHintOptions.SectionName).Bind(options);
        options.Validate();
        return options;
    }
}
