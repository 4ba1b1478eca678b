using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Pozytywka.StreamProcessor.Cli;

/// <summary><c>serve</c>: the processor and its HTTP host until stopped. Every other option comes from appsettings or the environment.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "export with tracks, artists, track_storage and users", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "bundles as the Trainer writes them", Required = true };
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka bootstrap servers; without it an embedded mock cluster is started" };
        var store = new Option<DirectoryInfo?>("--store") { Description = "directory for the LiteDB store and the outcome journal" };
        var urls = new Option<string?>("--urls") { Description = "where the HTTP API listens; overrides ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS (default http://127.0.0.1:5080)" };
        var command = new Command("serve", "Consume session events, publish cache hints, record predictions and outcomes, serve the HTTP API")
        {
            data, models, bootstrap, store, urls,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Scoring:DataDirectory"] = parsed.GetValue(data)!.FullName,
                ["Scoring:ModelsDirectory"] = parsed.GetValue(models)!.FullName,
            };
            if (parsed.GetValue(urls) is { Length: > 0 } listen)
                settings["urls"] = listen;
            if (parsed.GetValue(bootstrap) is { Length: > 0 } servers)
                settings["Kafka:BootstrapServers"] = servers;
            if (parsed.GetValue(store) is { } storeDirectory)
                settings["Store:DataDirectory"] = storeDirectory.FullName;
            try
            {
                await using var app = ProcessorHost.Build(settings);
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
