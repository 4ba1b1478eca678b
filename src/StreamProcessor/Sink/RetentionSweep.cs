using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Sink;

/// <summary>
/// Keeps the store within <see cref="StoreOptions.Retention"/>: every <see cref="StoreOptions.RetentionSweepInterval"/>
/// it removes the plays predicted longer ago than that. Runs beside the outcome sink, the store's one writer; a sweep
/// that fails is logged and the next one catches up.
/// </summary>
public sealed class RetentionSweep(IPredictionStore store, IOptions<StoreOptions> options, TimeProvider clock, StreamMetrics metrics, ILogger<RetentionSweep> log)
    : BackgroundService
{
    /// <summary>One sweep: removes what is older than the retention; returns how many plays went.</summary>
    public async Task<long> SweepOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Retention is not { } retention)
            return 0;
        var cutoff = clock.GetUtcNow().UtcDateTime - retention;
        var removed = await store.DeletePredictedBeforeAsync(cutoff, cancellationToken);
        log.RetentionSwept(removed, cutoff);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Retention is null)
            return;
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, clock);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.RetentionSweepFailed(e);
                metrics.ErrorsHandled.WithLabels("retention_sweep").Inc();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
