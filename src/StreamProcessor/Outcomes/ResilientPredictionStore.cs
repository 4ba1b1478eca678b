using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Outcomes;

/// <summary>How hard to try the store before a batch goes to the local journal instead.</summary>
public sealed class StoreResilienceOptions
{
    public int MaxRetryAttempts { get; set; } = 3;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Puts retries with exponential backoff and a circuit breaker (Polly) around a store, and never loses a write:
/// a batch the store cannot take is appended to the local <see cref="OutcomeJournal"/>, which is replayed into
/// the store before the next batch once the store answers again.
/// </summary>
public sealed class ResilientPredictionStore : IPredictionStore
{
    private readonly IPredictionStore _inner;
    private readonly OutcomeJournal _journal;
    private readonly ResiliencePipeline _pipeline;

    public ResilientPredictionStore(IPredictionStore inner, OutcomeJournal journal, StoreResilienceOptions options)
    {
        _inner = inner;
        _journal = journal;
        var transient = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not BrokenCircuitException);
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>True while writes are waiting in the local journal for the store to come back.</summary>
    public bool HasJournalledWrites => !_journal.IsEmpty;

    public Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default) =>
        SaveEntriesAsync(predictions.Select(p => new JournalEntry(p, null)).Concat(outcomes.Select(o => new JournalEntry(null, o))).ToList(), cancellationToken);

    public Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default) =>
        _inner.FindAsync(predictionId, cancellationToken);

    public IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(query, cancellationToken);

    /// <summary>Replays the journal into the store; false when the store is still unavailable.</summary>
    public async Task<bool> TryDrainJournalAsync(CancellationToken cancellationToken = default)
    {
        if (_journal.IsEmpty)
            return true;
        try
        {
            await _journal.DrainAsync(entries => _pipeline.ExecuteAsync(ct => new ValueTask(Write(entries, ct)), cancellationToken).AsTask());
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _inner.Dispose();
        _journal.Dispose();
    }

    private async Task SaveEntriesAsync(List<JournalEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return;
        if (!await TryDrainJournalAsync(cancellationToken))
        {
            _journal.Append(entries);
            return;
        }
        try
        {
            await _pipeline.ExecuteAsync(ct => new ValueTask(Write(entries, ct)), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _journal.Append(entries);
        }
    }

    private Task Write(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) =>
        _inner.SaveAsync(entries.Select(e => e.Prediction).OfType<PredictionRecord>().ToList(),
            entries.Select(e => e.Outcome).OfType<PlayOutcome>().ToList(), cancellationToken);
}
