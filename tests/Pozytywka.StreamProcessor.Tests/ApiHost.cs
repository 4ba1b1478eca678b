using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// The processor host for API tests: its own copy of the trained models (tests add and promote versions), its
/// own store, an embedded broker (the stream side idles), and an admin key for promotion.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, string modelsDirectory, HttpClient client) => (_app, ModelsDirectory, Client) = (app, modelsDirectory, client);

    public string ModelsDirectory { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="customize">Replaces services after the processor's own, such as a store that fails.</param>
    public static async Task<ApiHost> StartAsync(TrainedExport export, Action<WebApplicationBuilder>? customize = null)
    {
        var root = TestDirectories.New();
        var models = Path.Combine(root, "models");
        foreach (var file in Directory.EnumerateFiles(export.ModelsDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(models, Path.GetRelativePath(export.ModelsDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var app = ProcessorHost.Build(new Dictionary<string, string?>
        {
            ["Scoring:DataDirectory"] = export.Directory,
            ["Scoring:ModelsDirectory"] = models,
            ["Scoring:Device"] = "cpu",
            ["Store:DataDirectory"] = Path.Combine(root, "store"),
            ["Models:RefreshInterval"] = "00:00:00.200",
            ["Api:AdminApiKey"] = AdminKey,
            // The mock keeps a bounded log per partition (a few MB): the 20,000 prediction records of the busiest test
            // must fit while the sink catches up on a loaded machine.
            ["Kafka:EmbeddedPartitions"] = "8",
            ["urls"] = "http://127.0.0.1:0",
            ["Serilog:MinimumLevel:Default"] = "Error",
        }, builder =>
        {
            EmbeddedKafka.StartWhenUnconfigured(builder);
            customize?.Invoke(builder);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, models, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>
    /// Waits until the outcome sink has written at least this many records (predictions and outcomes) to the
    /// store: the API answers once its log record is acknowledged by the broker, and the store follows.
    /// </summary>
    public async Task WaitUntilStoredAsync(int records)
    {
        var metrics = _app.Services.GetRequiredService<Diagnostics.StreamMetrics>();
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(metrics.SinkStored.Value >= records), $"the sink stored {records} records", TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        // Stopped before disposed: the consumers leave their groups while the embedded broker still runs.
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
