using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Store;

/// <summary>Which predictions to read back, e.g. for online evaluation of one model version.</summary>
public sealed record PredictionQuery(string? Model = null, string? ModelVersion = null, DateTime? PredictedSince = null, DateTime? EventSince = null,
    string? Experiment = null, long? UserId = null);

/// <summary>
/// Where predictions and their real outcomes meet, keyed by prediction id (a play id for streamed plays).
/// Every write is an idempotent upsert: writing the same prediction or outcome twice leaves one record, a
/// prediction written again keeps the outcome already recorded, and an outcome that arrives before its
/// prediction is kept until the prediction joins it — nothing is lost whatever the order. An erased play stays
/// erased: whatever of it is written afterwards (a replay, an outcome closing late) is dropped.
/// One contract, two implementations: MongoDB for production, LiteDB as the embedded default.
/// </summary>
public interface IPredictionStore : IDisposable
{
    /// <summary>One batch's predictions and outcomes in one write (one transaction, one bulk request): the store's write rate is per request.</summary>
    Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>The prediction with its outcome if known; null while only an outcome is stored.</summary>
    Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default);

    IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases these plays for good: their predictions and outcomes go, whichever is stored, and what of them is saved
    /// later is dropped. Only a marker with the id and the time stays, until retention removes it.
    /// </summary>
    Task DeleteAsync(IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the plays whose prediction was made before <paramref name="cutoff"/>, with their outcomes; an outcome
    /// still waiting for its prediction stays. Erasure markers older than the cutoff go too (by then compaction has
    /// removed the erased records from the predictions topic). Returns how many plays were removed.
    /// </summary>
    Task<long> DeletePredictedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default);
}
