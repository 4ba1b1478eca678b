using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Outcomes;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>A store outage never drops a prediction or an outcome.</summary>
public class ResilientPredictionStoreTests
{
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 0, 0, DateTimeKind.Utc);
    private static readonly StoreResilienceOptions FastRetries = new() { MaxRetryAttempts = 2, FirstRetryDelay = TimeSpan.FromMilliseconds(1), BreakDuration = TimeSpan.FromMilliseconds(500) };

    private readonly string _directory = TestDirectories.New();

    [Fact]
    public async Task Writes_during_an_outage_are_journalled_on_disk_and_reach_the_store_when_it_returns()
    {
        var store = new SwitchableStore(new LiteDbPredictionStore(Path.Combine(_directory, "outcomes.db")));
        var journal = new OutcomeJournal(Path.Combine(_directory, "journal.jsonl"));
        using var resilient = new ResilientPredictionStore(store, journal, FastRetries);

        store.Down = true;
        await resilient.SavePredictionsAsync([Prediction("p1"), Prediction("p2")]);
        await resilient.SaveOutcomesAsync([Outcome("p1")]);
        Assert.True(resilient.HasJournalledWrites);
        Assert.Equal(3, File.ReadAllLines(journal.Path).Length);

        store.Down = false;
        await Task.Delay(FastRetries.BreakDuration * 2);
        await resilient.SaveOutcomesAsync([Outcome("p2")]);

        Assert.False(resilient.HasJournalledWrites);
        Assert.Equal(Outcome("p1"), (await resilient.FindAsync("p1"))!.Outcome);
        Assert.Equal(Outcome("p2"), (await resilient.FindAsync("p2"))!.Outcome);
    }

    [Fact]
    public async Task A_journal_left_by_a_crash_is_replayed_by_the_next_process()
    {
        var journal = new OutcomeJournal(Path.Combine(_directory, "journal.jsonl"));
        using (var down = new ResilientPredictionStore(new SwitchableStore(new LiteDbPredictionStore(Path.Combine(_directory, "a.db"))) { Down = true }, journal, FastRetries))
            await down.SavePredictionsAsync([Prediction("p9")]);

        using var next = new ResilientPredictionStore(new LiteDbPredictionStore(Path.Combine(_directory, "b.db")), new OutcomeJournal(journal.Path), FastRetries);
        Assert.True(await next.TryDrainJournalAsync(TestContext.Current.CancellationToken));
        Assert.Equal("p9", (await next.FindAsync("p9"))!.PredictionId);
        Assert.False(next.HasJournalledWrites);
    }

    private static PredictionRecord Prediction(string id) => new(id, PredictionSource.Stream, "advanced", "v1", "A", 0.3, false,
        new PredictionInputs("t-" + id, 1, 2, 1, 0, false, false, false, []), T0, T0, null);

    private static PlayOutcome Outcome(string id) => new(id, 2, 1, "t-" + id, true, false, 10, T0, T0.AddSeconds(10), PlayClosedBy.Skip);

    /// <summary>A real store that can be switched off, failing every call like an unreachable server.</summary>
    private sealed class SwitchableStore(IPredictionStore inner) : IPredictionStore
    {
        public bool Down { get; set; }

        public Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default) =>
            Down ? throw new IOException("store unreachable") : inner.SaveAsync(predictions, outcomes, cancellationToken);

        public Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default) => inner.FindAsync(predictionId, cancellationToken);

        public IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
