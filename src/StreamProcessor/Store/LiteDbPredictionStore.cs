using System.Runtime.CompilerServices;
using LiteDB;
using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Store;

/// <summary>
/// The embedded default: one LiteDB file, opened in direct mode by this process alone, each batch one
/// transaction (LiteDB's write rate is per transaction, so callers should batch). A write returns only once it is in
/// the data file (a checkpoint after each transaction): LiteDB's commit only appends to its write-ahead log, and the
/// outcome sink commits its Kafka offsets once a write returns, so a log torn after that (a power loss) would take
/// records with it that Kafka no longer redelivers. Torn before the write returns, it loses nothing: those records
/// are read again.
/// </summary>
public sealed class LiteDbPredictionStore : IPredictionStore
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<PredictionDocument> _predictions;
    private readonly Lock _writes = new();

    public LiteDbPredictionStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // A mapper of its own, every type it maps built here, before the store is shared: LiteDB 5.0.21 maps a type on
        // first use without a lock, and two threads mapping one type at once through the process-wide BsonMapper.Global
        // can see it half built ("Member ModelVersion not found on BsonMapper", seen once when tests opened stores in
        // parallel; litedb-org/LiteDB#2536).
        _database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, new BsonMapper());
        _database.Mapper.ToDocument(new PredictionDocument { Outcome = new OutcomeDocument() });
        _predictions = _database.GetCollection<PredictionDocument>("predictions");
        _predictions.EnsureIndex(d => d.ModelVersion);
        _predictions.EnsureIndex(d => d.PredictedAt);
        _predictions.EnsureIndex(d => d.UserId);
    }

    public Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        InTransaction(() =>
        {
            foreach (var prediction in predictions)
            {
                var stored = _predictions.FindById(prediction.PredictionId);
                if (stored?.ErasedAt is null)
                    Upsert(stored?.WithPrediction(prediction) ?? PredictionDocument.From(prediction));
            }
            foreach (var outcome in outcomes)
            {
                var document = _predictions.FindById(outcome.PlayId) ?? new PredictionDocument { Id = outcome.PlayId };
                if (document.ErasedAt is not null)
                    continue;
                document.Outcome = OutcomeDocument.From(outcome);
                Upsert(document);
            }
        });
        return Task.CompletedTask;
    }

    private void Upsert(PredictionDocument document)
    {
        try
        {
            _predictions.Upsert(document);
        }
        catch (LiteException e) when (e.ErrorCode is LiteException.INVALID_INDEX_KEY or LiteException.DOCUMENT_MAX_DEPTH)
        {
            throw new StoreRejectedException(document.Id, e.Message, e);
        }
    }

    public Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default)
    {
        var document = _predictions.FindById(predictionId);
        return Task.FromResult(document is { HasPrediction: true } ? document.ToRecord() : null);
    }

    public async IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var documents = _predictions.Query().Where(d => d.HasPrediction);
        if (query.Model is { } model)
            documents = documents.Where(d => d.Model == model);
        if (query.ModelVersion is { } version)
            documents = documents.Where(d => d.ModelVersion == version);
        if (query.PredictedSince is { } since)
            documents = documents.Where(d => d.PredictedAt >= since);
        if (query.EventSince is { } eventSince)
            documents = documents.Where(d => d.EventTime >= eventSince);
        if (query.Experiment is { } experiment)
            documents = documents.Where(d => d.Experiment == experiment);
        if (query.UserId is { } userId)
            documents = documents.Where(d => d.UserId == userId);
        foreach (var document in documents.ToEnumerable())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return document.ToRecord();
        }
        await Task.CompletedTask;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken = default)
    {
        var at = DateTime.UtcNow;
        InTransaction(() =>
        {
            foreach (var id in predictionIds)
                _predictions.Upsert(PredictionDocument.Erased(id, at));
        });
        return Task.CompletedTask;
    }

    public Task<long> DeletePredictedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        lock (_writes)
        {
            _predictions.DeleteMany(d => d.ErasedAt != null && d.ErasedAt < cutoff);
            return Task.FromResult((long)_predictions.DeleteMany(d => d.HasPrediction && d.PredictedAt < cutoff));
        }
    }

    public void Dispose() => _database.Dispose();

    /// <summary>One writer at a time, all of <paramref name="write"/> or nothing.</summary>
    private void InTransaction(Action write)
    {
        lock (_writes)
        {
            _database.BeginTrans();
            try
            {
                write();
                _database.Commit();
                _database.Checkpoint();
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
    }
}
