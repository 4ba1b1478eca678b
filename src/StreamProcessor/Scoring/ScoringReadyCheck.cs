using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pozytywka.StreamProcessor.Experiments;

namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>Ready once the catalog and every variant's model are loaded (resolving the experiment loads them).</summary>
public sealed class ScoringReadyCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var experiment = services.GetRequiredService<ScoringExperiment>();
        return Task.FromResult(HealthCheckResult.Healthy($"{experiment.Variants.Count} variant(s): {string.Join(", ", experiment.Variants.Select(v => $"{v.Name}={v.ModelLabel}"))}"));
    }
}
