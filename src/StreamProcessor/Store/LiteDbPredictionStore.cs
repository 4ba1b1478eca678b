using System.Runtime.CompilerServices;
using LiteDB;
using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Store;

/// <summary>
/// The embedded default: one LiteDB file, opened in direct mode by this process alone, each batch one
/// transaction (LiteDB's write rate is per transaction, so callers should batch). A write the disk refuses leaves
/// LiteDB's engine unusable, so the file is opened afresh before the next operation: the caller's retry then
/// succeeds once the disk takes writes again, instead of failing until the process restarts.
/// </summary>
public sealed class LiteDbPredictionStore : IPredictionStore
{
    private readonly string _path;
    private readonly Lock _writes = new();
    private LiteDatabase? _database;
    private ILiteCollection<PredictionDocument>? _collection;

    public LiteDbPredictionStore(string path)
    {
        _path = path;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Open();
    }

    private ILiteCollection<PredictionDocument> Predictions
    {
        get
        {
            lock (_writes)
                return _collection ?? Open();
        }
    }

    public Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        InTransaction(() =>
        {
            foreach (var prediction in predictions)
                Predictions.Upsert(Predictions.FindById(prediction.PredictionId)?.WithPrediction(prediction) ?? PredictionDocument.From(prediction));
            foreach (var outcome in outcomes)
            {
                var document = Predictions.FindById(outcome.PlayId) ?? new PredictionDocument { Id = outcome.PlayId };
                document.Outcome = OutcomeDocument.From(outcome);
                Predictions.Upsert(document);
            }
        });
        return Task.CompletedTask;
    }

    public Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default)
    {
        var document = Predictions.FindById(predictionId);
        return Task.FromResult(document is { HasPrediction: true } ? document.ToRecord() : null);
    }

    public async IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var documents = Predictions.Query().Where(d => d.HasPrediction);
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
        InTransaction(() =>
        {
            foreach (var id in predictionIds)
                Predictions.Delete(id);
        });
        return Task.CompletedTask;
    }

    public Task<long> DeletePredictedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        var deleted = 0L;
        InTransaction(() => deleted = Predictions.DeleteMany(d => d.HasPrediction && d.PredictedAt < cutoff));
        return Task.FromResult(deleted);
    }

    public void Dispose()
    {
        lock (_writes)
            Close();
    }

    private ILiteCollection<PredictionDocument> Open()
    {
        _database = new LiteDatabase(new ConnectionString { Filename = _path, Connection = ConnectionType.Direct });
        var collection = _database.GetCollection<PredictionDocument>("predictions");
        collection.EnsureIndex(d => d.ModelVersion);
        collection.EnsureIndex(d => d.PredictedAt);
        collection.EnsureIndex(d => d.UserId);
        return _collection = collection;
    }

    private void Close()
    {
        try
        {
            _database?.Dispose();
        }
        catch (Exception e) when (e is IOException or LiteException or UnauthorizedAccessException)
        {
            // The file is what failed; nothing more can be flushed to it.
        }
        (_database, _collection) = (null, null);
    }

    /// <summary>One writer at a time, all of <paramref name="write"/> or nothing; a failed write closes the file for a fresh open.</summary>
    private void InTransaction(Action write)
    {
        lock (_writes)
        {
            _ = _collection ?? Open();
            _database!.BeginTrans();
            try
            {
                write();
                _database.Commit();
            }
            catch (Exception e) when (e is IOException or LiteException or UnauthorizedAccessException)
            {
                Close();
                throw;
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
    }
}
