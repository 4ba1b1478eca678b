using System.CommandLine;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Configuration;

namespace Pozytywka.StreamProcessor.Cli;

/// <summary><c>serve</c>: the processor and its HTTP host until stopped. Every other option comes from appsettings or the environment.</summary>
public static class ServeCommand
{
    /// <param name="bootstrapHelp">What happens without <c>--bootstrap</c>, for the help text.</param>
    /// <param name="customize">Development hosting adds its embedded broker here (see <see cref="ProcessorHost.Build"/>).</param>
    public static Command Create(string bootstrapHelp = "required unless Kafka:BootstrapServers is configured", Action<WebApplicationBuilder>? customize = null)
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "export with tracks, artists, track_storage and users (not for --role sink)" };
        var models = new Option<DirectoryInfo?>("--models") { Description = "bundles as the Trainer writes them (not for --role sink)" };
        var role = new Option<ProcessorRole?>("--role") { Description = "all (default): stream worker, HTTP API and outcome sink; stream: without the sink; sink: only the sink" };
        var bootstrap = new Option<string?>("--bootstrap") { Description = $"Kafka bootstrap servers; {bootstrapHelp}" };
        var store = new Option<DirectoryInfo?>("--store") { Description = "directory for the LiteDB store" };
        var urls = new Option<string?>("--urls") { Description = "where the HTTP API listens; overrides ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS (default http://127.0.0.1:5080)" };
        var command = new Command("serve", "Consume session events, publish cache hints and predictions, serve the HTTP API, store predictions and outcomes")
        {
            data, models, role, bootstrap, store, urls,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parsed.GetValue(role) is { } chosen)
                settings["Processor:Role"] = chosen.ToString();
            if (parsed.GetValue(data) is { } dataDirectory)
                settings["Scoring:DataDirectory"] = dataDirectory.FullName;
            if (parsed.GetValue(models) is { } modelsDirectory)
                settings["Scoring:ModelsDirectory"] = modelsDirectory.FullName;
            if (parsed.GetValue(urls) is { Length: > 0 } listen)
                settings["urls"] = listen;
            if (parsed.GetValue(bootstrap) is { Length: > 0 } servers)
                settings["Kafka:BootstrapServers"] = servers;
            if (parsed.GetValue(store) is { } storeDirectory)
                settings["Store:DataDirectory"] = storeDirectory.FullName;
            try
            {
                await using var app = ProcessorHost.Build(settings, customize);
                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or OptionsValidationException)
            {
                // A missing file, a bad bundle or a wrong setting: the operator needs the sentence, not a stack trace.
                await Console.Error.WriteLineAsync($"serve: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
