using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Store;

/// <summary>
/// The production store. The play id is the document id (unique by construction); an index on model, version
/// and prediction time serves online evaluation. Each batch is one unordered bulk write of upserts.
/// </summary>
public sealed class MongoPredictionStore : IPredictionStore
{
    private readonly MongoClient _client;
    private readonly IMongoCollection<PredictionDocument> _predictions;

    /// <param name="retention">When set, a TTL index expires predictions this long after they were made (not outcomes waiting for theirs).</param>
    public MongoPredictionStore(string connectionString, string database = "pozytywka", TimeSpan? retention = null)
    {
        _client = new MongoClient(connectionString);
        _predictions = _client.GetDatabase(database).GetCollection<PredictionDocument>("predictions");
        _predictions.Indexes.CreateOne(new CreateIndexModel<PredictionDocument>(
            Builders<PredictionDocument>.IndexKeys.Ascending(d => d.Model).Ascending(d => d.ModelVersion).Ascending(d => d.PredictedAt)));
        _predictions.Indexes.CreateOne(new CreateIndexModel<PredictionDocument>(Builders<PredictionDocument>.IndexKeys.Ascending(d => d.UserId)));
        if (retention is { } keep)
        {
            _predictions.Indexes.CreateOne(new CreateIndexModel<PredictionDocument>(Builders<PredictionDocument>.IndexKeys.Ascending(d => d.PredictedAt),
                new CreateIndexOptions<PredictionDocument>
                {
                    Name = "retention",
                    ExpireAfter = keep,
                    PartialFilterExpression = Builders<PredictionDocument>.Filter.Eq(d => d.HasPrediction, true),
                }));
            // TTL passes over documents without the date: only erasure markers expire by it.
            _predictions.Indexes.CreateOne(new CreateIndexModel<PredictionDocument>(Builders<PredictionDocument>.IndexKeys.Ascending(d => d.ErasedAt),
                new CreateIndexOptions<PredictionDocument> { Name = "erasure-retention", ExpireAfter = keep }));
        }
    }

    public async Task SaveAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        // One $set per play: a prediction's fields only (an outcome recorded earlier stays), its outcome if known.
        var sets = new Dictionary<string, BsonDocument>();
        foreach (var prediction in predictions)
        {
            var fields = PredictionDocument.From(prediction).ToBsonDocument();
            fields.Remove("_id");
            fields.Remove(nameof(PredictionDocument.Outcome));
            sets[prediction.PredictionId] = fields;
        }
        foreach (var outcome in outcomes)
        {
            if (!sets.TryGetValue(outcome.PlayId, out var fields))
                sets[outcome.PlayId] = fields = [];
            fields[nameof(PredictionDocument.Outcome)] = OutcomeDocument.From(outcome).ToBsonDocument();
        }
        if (sets.Count > 0)
        {
            var filter = Builders<PredictionDocument>.Filter;
            var erased = await _predictions.Find(filter.And(filter.In(d => d.Id, sets.Keys), filter.Ne(d => d.ErasedAt, null)))
                .Project(d => d.Id).ToListAsync(cancellationToken);
            foreach (var id in erased)
                sets.Remove(id);
        }
        var models = sets.Select(s => new UpdateOneModel<PredictionDocument>(
            Builders<PredictionDocument>.Filter.Eq(d => d.Id, s.Key), new BsonDocument("$set", s.Value)) { IsUpsert = true }).ToList();
        if (models.Count == 0)
            return;
        try
        {
            await _predictions.BulkWriteAsync(models, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        }
        catch (MongoBulkWriteException<PredictionDocument> e) when (e.WriteErrors.FirstOrDefault(w => RefusedForGood.Contains(w.Code)) is { } refused)
        {
            // The other upserts of an unordered write went through; they are idempotent, so the batch is written again without this one.
            throw new StoreRejectedException(sets.Keys.ElementAt(refused.Index), refused.Message, e);
        }
    }

    /// <summary>Write errors no retry can cure: key too long, document too large, bad value, validation failed.</summary>
    private static readonly HashSet<int> RefusedForGood = [17280, 10334, 2, 121];

    public async Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default)
    {
        var document = await _predictions.Find(d => d.Id == predictionId).FirstOrDefaultAsync(cancellationToken);
        return document is { HasPrediction: true } ? document.ToRecord() : null;
    }

    public async IAsyncEnumerable<PredictionRecord> ReadAsync(PredictionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Builders<PredictionDocument>.Filter;
        var conditions = new List<FilterDefinition<PredictionDocument>> { filter.Eq(d => d.HasPrediction, true) };
        if (query.Model is { } model)
            conditions.Add(filter.Eq(d => d.Model, model));
        if (query.ModelVersion is { } version)
            conditions.Add(filter.Eq(d => d.ModelVersion, version));
        if (query.PredictedSince is { } since)
            conditions.Add(filter.Gte(d => d.PredictedAt, since));
        if (query.EventSince is { } eventSince)
            conditions.Add(filter.Gte(d => d.EventTime, eventSince));
        if (query.Experiment is { } experiment)
            conditions.Add(filter.Eq(d => d.Experiment, experiment));
        if (query.UserId is { } userId)
            conditions.Add(filter.Eq(d => d.UserId, userId));
        using var cursor = await _predictions.FindAsync(filter.And(conditions), cancellationToken: cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var document in cursor.Current)
                yield return document.ToRecord();
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken = default)
    {
        var at = DateTime.UtcNow;
        var markers = predictionIds.Select(id => new ReplaceOneModel<PredictionDocument>(
            Builders<PredictionDocument>.Filter.Eq(d => d.Id, id), PredictionDocument.Erased(id, at)) { IsUpsert = true }).ToList();
        if (markers.Count > 0)
            await _predictions.BulkWriteAsync(markers, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }

    public async Task<long> DeletePredictedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        var filter = Builders<PredictionDocument>.Filter;
        await _predictions.DeleteManyAsync(filter.Lt(d => d.ErasedAt, cutoff), cancellationToken);
        var result = await _predictions.DeleteManyAsync(filter.And(filter.Eq(d => d.HasPrediction, true), filter.Lt(d => d.PredictedAt, cutoff)), cancellationToken);
        return result.DeletedCount;
    }

    public void Dispose() => _client.Dispose();
}
