using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Sink;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The retention sweep against a real LiteDB file, at a fixed time.</summary>
public class RetentionSweepTests
{
    private static readonly DateTime Now = new(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_sweep_removes_plays_predicted_longer_ago_than_the_retention()
    {
        using var store = new LiteDbPredictionStore(Path.Combine(TestDirectories.New(), "predictions.db"));
        await store.SaveAsync([Predicted("last-week", Now.AddDays(-7)), Predicted("yesterday", Now.AddHours(-25)), Predicted("this-morning", Now.AddHours(-3))], []);

        Assert.Equal(0, await Sweep(store, retention: null));
        Assert.Equal(2, await Sweep(store, retention: TimeSpan.FromDays(1)));

        Assert.Null(await store.FindAsync("last-week", TestContext.Current.CancellationToken));
        Assert.Null(await store.FindAsync("yesterday", TestContext.Current.CancellationToken));
        Assert.NotNull(await store.FindAsync("this-morning", TestContext.Current.CancellationToken));
    }

    private static Task<long> Sweep(IPredictionStore store, TimeSpan? retention) =>
        new RetentionSweep(store, Options.Create(new StoreOptions { Retention = retention }), new FixedClock(Now), new StreamMetrics(), NullLogger<RetentionSweep>.Instance)
            .SweepOnceAsync(TestContext.Current.CancellationToken);

    private static PredictionRecord Predicted(string id, DateTime at) => new(id, PredictionSource.Stream, "advanced", "v1", "A", 0.3, false,
        new PredictionInputs("track", 7, 1, 1, 0, false, false, false, []), at, at, null);

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
