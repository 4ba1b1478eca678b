namespace Pozytywka.StreamProcessor.Models;

public sealed class ModelRegistryOptions
{
    public const string SectionName = "Models";

    /// <summary>How often the models directory is scanned for new bundle versions.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
