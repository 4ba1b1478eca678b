using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pozytywka.Contracts;
using Pozytywka.DevTools.Processes;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The topics one test's processor uses, unique to that test.</summary>
public sealed record StreamTopics(string Sessions, string Hints, string DeadLetter, string Predictions, string PredictionsDeadLetter, string StateChangelog, int Partitions)
{
    public static async Task<StreamTopics> CreateAsync(TestKafka kafka, int partitions) => new(
        await kafka.CreateTopicAsync("sessions", partitions),
        await kafka.CreateTopicAsync("cache-hints", partitions),
        await kafka.CreateTopicAsync("sessions-dead-letter", 1),
        await kafka.CreateTopicAsync("skip-predictions", partitions),
        await kafka.CreateTopicAsync("skip-predictions-dead-letter", 1),
        await kafka.CreateTopicAsync("state-changelog", partitions),
        partitions);
}

/// <summary>The real processor host (worker and HTTP) started in-process against a test Kafka and a store directory.</summary>
public sealed class RunningProcessor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningProcessor(WebApplication app) => _app = app;

    public static async Task<RunningProcessor> StartAsync(TestKafka kafka, StreamTopics topics, TrainedExport export, string storeDirectory,
        string groupId, TimeSpan? quietPartitionTimeout = null, IReadOnlyDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? customize = null)
    {
        var settings = ProcessorSettings.OnBroker(kafka.BootstrapServers, export.Directory, export.ModelsDirectory, storeDirectory)
            .Group(groupId)
            .Topics(topics.Sessions, topics.Hints, topics.Predictions, topics.DeadLetter, topics.PredictionsDeadLetter, topics.StateChangelog)
            .QuietClose(quietPartitionTimeout ?? TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1))
            .Build();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        var app = ProcessorHost.Build(settings, customize);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningProcessor(app);
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public IPredictionStore Store => _app.Services.GetRequiredService<IPredictionStore>();

    public StreamMetrics Metrics => _app.Services.GetRequiredService<StreamMetrics>();

    public IServiceProvider Services => _app.Services;

    public double EventsHandled => Metrics.EventsHandled;

    public async Task<List<PredictionRecord>> ReadStoreAsync() =>
        await Store.ReadAsync(new PredictionQuery(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    /// <summary>Waits until the condition holds, failing with what was last seen after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public async Task StopAsync() => await _app.StopAsync(TestContext.Current.CancellationToken);

    /// <summary>Stops the host first (a no-op when the test already did), so its consumers leave their groups while the broker still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
