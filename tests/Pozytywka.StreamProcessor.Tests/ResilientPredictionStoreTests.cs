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

    [Fact]
    public async Task A_torn_last_line_left_by_a_crash_blocks_nothing_and_the_next_append_starts_a_line_of_its_own()
    {
        var journal = new OutcomeJournal(Path.Combine(_directory, "journal.jsonl"));
        journal.Append([new JournalEntry(Prediction("p1"), null)]);
        await File.AppendAllTextAsync(journal.Path, "{\"prediction\":{\"prediction_id\":\"p2\",\"sou", TestContext.Current.CancellationToken);
        journal.Append([new JournalEntry(Prediction("p3"), null)]);

        using var resilient = new ResilientPredictionStore(new LiteDbPredictionStore(Path.Combine(_directory, "outcomes.db")), journal, FastRetries);
        Assert.True(await resilient.TryDrainJournalAsync(TestContext.Current.CancellationToken));

        Assert.NotNull(await resilient.FindAsync("p1", TestContext.Current.CancellationToken));
        Assert.NotNull(await resilient.FindAsync("p3", TestContext.Current.CancellationToken));
        Assert.False(resilient.HasJournalledWrites);
        Assert.StartsWith("{\"prediction\":{\"prediction_id\":\"p2\"", (await File.ReadAllLinesAsync(journal.UnreadablePath, TestContext.Current.CancellationToken)).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drains_running_at_once_cut_no_line_that_was_not_replayed()
    {
        var journal = new OutcomeJournal(Path.Combine(_directory, "journal.jsonl"));
        static IEnumerable<JournalEntry> Entries(string prefix, int count) => Enumerable.Range(0, count).Select(i => new JournalEntry(Prediction($"{prefix}-{i}"), null));
        var replayed = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var firstReplaying = new SemaphoreSlim(0);
        using var releaseFirst = new SemaphoreSlim(0);
        using var releaseSecond = new SemaphoreSlim(0);
        Func<IReadOnlyList<JournalEntry>, Task> Replay(SemaphoreSlim? started, SemaphoreSlim release) => async entries =>
        {
            started?.Release();
            await release.WaitAsync(TestContext.Current.CancellationToken);
            foreach (var entry in entries)
                replayed.Add(entry.Prediction!.PredictionId);
        };

        // One drain replays the first lines; more arrive and a second drain starts; the first finishes and cuts
        // its lines; more arrive again; only then does the second finish. Nothing may be cut unreplayed.
        journal.Append(Entries("first", 5));
        var first = journal.DrainAsync(Replay(firstReplaying, releaseFirst));
        await firstReplaying.WaitAsync(TestContext.Current.CancellationToken);
        journal.Append(Entries("during", 3));
        var second = journal.DrainAsync(Replay(null, releaseSecond));
        releaseFirst.Release();
        await first;
        journal.Append(Entries("after", 2));
        releaseSecond.Release();
        await second;
        await journal.DrainAsync(Replay(null, new SemaphoreSlim(1)));

        var all = Entries("first", 5).Concat(Entries("during", 3)).Concat(Entries("after", 2)).Select(e => e.Prediction!.PredictionId);
        Assert.Equal(all.Order(StringComparer.Ordinal), replayed.Distinct().Order(StringComparer.Ordinal));
        Assert.True(journal.IsEmpty);
    }

    [Fact]
    public async Task A_caller_that_gives_up_waiting_does_not_cancel_the_write_others_share()
    {
        var inner = new LiteDbPredictionStore(Path.Combine(_directory, "outcomes.db"));
        var slow = new SlowStore(inner);
        var writer = new GroupCommitWriter(slow);
        using var impatient = new CancellationTokenSource();

        // The HTTP request starts the write, the stream's records queue behind it, then the client hangs up.
        var abandoned = writer.WriteAsync([Prediction("http")], [], impatient.Token);
        await slow.Started.WaitAsync(TestContext.Current.CancellationToken);
        var stream = writer.WriteAsync([Prediction("stream")], [Outcome("stream")], CancellationToken.None);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        slow.Release.Release(2);
        await stream;

        Assert.Equal(Outcome("stream"), (await inner.FindAsync("stream", TestContext.Current.CancellationToken))!.Outcome);
        Assert.NotNull(await inner.FindAsync("http", TestContext.Current.CancellationToken));
        inner.Dispose();
    }

    private static PredictionRecord Prediction(string id) => new(id, PredictionSource.Stream, "advanced", "v1", "A", 0.3, false,
        new PredictionInputs("t-" + id, 1, 2, 1, 0, false, false, false, []), T0, T0, null);

    private static PlayOutcome Outcome(string id) => new(id, 2, 1, "t-" + id, true, false, 10, T0, T0.AddSeconds(10), PlayClosedBy.Skip);

    /// <summary>A real store whose writes wait to be released, honouring the token they were given as a real driver does.</summary>
    private sealed class SlowStore(IPredictionStore inner) : IPredictionStore
    {
        public SemaphoreSlim Started { get; } = new(0);
        public SemaphoreSlim Release { get; } = new(0);

        public async Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default)
        {
            Started.Release();
            await Release.WaitAsync(cancellationToken);
            await inner.SaveAsync(predictions, outcomes, cancellationToken);
        }

        public Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default) => inner.FindAsync(predictionId, cancellationToken);

        public IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

        public void Dispose() => inner.Dispose();
    }

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
