using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.StreamProcessor.Configuration;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Streaming;
using Prometheus;

namespace Pozytywka.StreamProcessor;

/// <summary>The processor as one web host: the Kafka worker plus its HTTP API (OpenAPI document at /openapi/v1.json). Settings override appsettings and the environment.</summary>
public static class ProcessorHost
{
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseDefaultUnlessConfigured();
        builder.AddStreamProcessor();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ScoringReadyCheck.ReadyTag) });
        app.MapOpenApi();
        app.MapModels();
        app.MapPredictions();
        app.MapOutcomes();
        app.MapExperiments();
        app.MapOnlineMetrics();
        app.Services.GetRequiredService<OnlineMetricsGauges>(); // registers its gauges with the registry /metrics exports
        app.MapMetrics("/metrics", app.Services.GetRequiredService<StreamMetrics>().Registry);
        return app;
    }
}
