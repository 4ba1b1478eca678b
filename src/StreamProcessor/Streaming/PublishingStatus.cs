using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>Since when the oldest batch sent to the broker has waited for its acknowledgement; written by each stream thread, read by health checks.</summary>
public sealed class PublishingStatus(TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _oldestSentTicks = new();

    public void Update(int thread, DateTime? oldestSentAt) => _oldestSentTicks[thread] = oldestSentAt?.Ticks ?? 0;

    /// <summary>How long the oldest unacknowledged batch has waited; zero when none waits.</summary>
    public TimeSpan WaitingFor
    {
        get
        {
            var sent = _oldestSentTicks.Values.Where(ticks => ticks > 0).DefaultIfEmpty(0).Min();
            return sent == 0 ? TimeSpan.Zero : clock.GetUtcNow().UtcDateTime - new DateTime(sent, DateTimeKind.Utc);
        }
    }
}

/// <summary>
/// Not ready while a batch has waited longer than <see cref="StreamingOptions.UnreadyAfterUnacknowledged"/> for the
/// broker: hints are not reaching the cache, and an orchestrator should know.
/// </summary>
public sealed class PublishingHealthCheck(PublishingStatus status, IOptions<StreamingOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = status.WaitingFor;
        return Task.FromResult(waiting > options.Value.UnreadyAfterUnacknowledged
            ? HealthCheckResult.Unhealthy($"the broker has not acknowledged a batch for {waiting.TotalSeconds:F0} s; hints are not going out")
            : HealthCheckResult.Healthy("the broker acknowledges the batches"));
    }
}
