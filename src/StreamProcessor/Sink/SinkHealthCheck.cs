using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Pozytywka.StreamProcessor.Sink;

/// <summary>Unhealthy while the store has refused the sink's writes for longer than <see cref="SinkOptions.UnhealthyAfter"/>: records wait in Kafka meanwhile.</summary>
public sealed class SinkHealthCheck(StoreWriteStatus status, IOptions<SinkOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failingFor = status.FailingFor;
        return Task.FromResult(failingFor > options.Value.UnhealthyAfter
            ? HealthCheckResult.Unhealthy($"the store has refused writes for {failingFor.TotalSeconds:F0} s; records wait in the predictions topic")
            : HealthCheckResult.Healthy(failingFor > TimeSpan.Zero ? $"the store has refused writes for {failingFor.TotalSeconds:F0} s" : "the store takes writes"));
    }
}
