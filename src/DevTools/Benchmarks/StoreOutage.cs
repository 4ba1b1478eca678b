using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// A store that refuses every write while <see cref="Down"/> is set, as a MongoDB that went away would, and takes
/// <see cref="WriteDelay"/> over each write it accepts, as a slow one would (cancellable, as a driver's call is);
/// reads still work.
/// </summary>
public sealed class StoreOutage(IPredictionStore inner) : IPredictionStore
{
    private volatile bool _down;
    private int _writing;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public TimeSpan WriteDelay { get; set; }

    /// <summary>An accepted write has begun and not yet ended.</summary>
    public bool Writing => Volatile.Read(ref _writing) > 0;

    public async Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        if (_down)
            throw new IOException("store outage (simulated)");
        Interlocked.Increment(ref _writing);
        try
        {
            await Task.Delay(WriteDelay, cancellationToken);
            await inner.SaveAsync(predictions, outcomes, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _writing);
        }
    }

    public Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default) => inner.FindAsync(predictionId, cancellationToken);

    public IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken = default) =>
        _down ? Task.FromException(new IOException("store outage (simulated)")) : inner.DeleteAsync(predictionIds, cancellationToken);

    public Task<long> DeletePredictedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default) =>
        _down ? Task.FromException<long>(new IOException("store outage (simulated)")) : inner.DeletePredictedBeforeAsync(cutoff, cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>Puts an outage switch in front of the host's store; the switch is then resolved as <see cref="StoreOutage"/>.</summary>
    public static void Install(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => new StoreOutage(PredictionStoreFactory.Open(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pozytywka.StreamProcessor.Store"))));
        services.AddSingleton<IPredictionStore>(sp => sp.GetRequiredService<StoreOutage>());
    }
}
