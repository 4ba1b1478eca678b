namespace Pozytywka.StreamProcessor.Configuration;

/// <summary>What one <c>serve</c> process runs: by default everything; in production the sink can run on its own.</summary>
public enum ProcessorRole
{
    /// <summary>The stream worker, the HTTP API and the outcome sink.</summary>
    All,

    /// <summary>The stream worker and the HTTP API; the store is filled by a sink elsewhere.</summary>
    Stream,

    /// <summary>Only the outcome sink: predictions topic in, store out. Needs no catalog or models.</summary>
    Sink,
}

/// <summary>Which parts this process runs (<c>serve --role</c>).</summary>
public sealed class ProcessorOptions
{
    public const string SectionName = "Processor";

    public ProcessorRole Role { get; set; } = ProcessorRole.All;

    public bool RunsStream => Role is ProcessorRole.All or ProcessorRole.Stream;

    public bool RunsSink => Role is ProcessorRole.All or ProcessorRole.Sink;

    public static ProcessorOptions From(IConfiguration configuration) =>
        configuration.GetSection(ConfigurationCatalog.SectionOf<ProcessorOptions>()).Get<ProcessorOptions>() ?? new ProcessorOptions();
}
