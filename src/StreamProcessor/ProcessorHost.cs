using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.StreamProcessor.Configuration;
using Pozytywka.StreamProcessor.Evaluation;
using Prometheus;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor;

/// <summary>
/// The processor as one web host: the Kafka worker and its HTTP API (OpenAPI document at /openapi/v1.json), the
/// outcome sink, or both (<see cref="ProcessorOptions.Role"/>); health and metrics always. Settings override
/// appsettings and the environment.
/// </summary>
public static class ProcessorHost
{
    /// <param name="customize">
    /// Runs after the processor's own registrations: development hosting (an embedded broker) and benchmarks and tests
    /// (a store with an outage switch) add or replace services and settings here.
    /// </param>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseDefaultUnlessConfigured();
        builder.AddStreamProcessor();
        customize?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready) });
        app.MapHealthChecks("/health/sink", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Sink) });
        if (ProcessorOptions.From(app.Configuration).RunsStream)
        {
            app.MapOpenApi();
            app.MapModels();
            app.MapPredictions();
            app.MapOutcomes();
            app.MapListeners();
            app.MapExperiments();
            app.MapOnlineMetrics();
            app.Services.GetRequiredService<OnlineMetricsGauges>(); // registers its gauges with the registry /metrics exports
        }
        app.MapMetrics("/metrics", app.Services.GetRequiredService<StreamMetrics>().Registry);
        return app;
    }
}
