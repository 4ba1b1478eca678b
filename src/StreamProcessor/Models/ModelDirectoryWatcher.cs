using Microsoft.Extensions.Options;

namespace Pozytywka.StreamProcessor.Models;

/// <summary>Scans the models directory on an interval so new bundle versions become available without a restart.</summary>
public sealed class ModelDirectoryWatcher(ModelRegistry registry, IOptions<ModelRegistryOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                registry.Refresh();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a host disposed without being stopped first cancels here too.
        }
    }
}
