using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Outcomes;

/// <summary>
/// The production store. The play id is the document id (unique by construction); an index on model, version
/// and prediction time serves online evaluation. Each batch is one unordered bulk write of upserts.
/// </summary>
public sealed class MongoPredictionStore : IPredictionStore
{
    private readonly MongoClient _client;
    private readonly IMongoCollection<PredictionDocument> _predictions;

    public MongoPredictionStore(string connectionString, string database = "pozytywka")
    {
        _client = new MongoClient(connectionString);
        _predictions = _client.GetDatabase(database).GetCollection<PredictionDocument>("predictions");
        _predictions.Indexes.CreateOne(new CreateIndexModel<PredictionDocument>(
            Builders<PredictionDocument>.IndexKeys.Ascending(d => d.Model).Ascending(d => d.ModelVersion).Ascending(d => d.PredictedAt)));
    }

    public Task SavePredictionsAsync(IReadOnlyCollection<PredictionRecord> predictions, CancellationToken cancellationToken = default) =>
        BulkUpsert(predictions.Select(p =>
        {
            // $set of the prediction's fields only: an outcome recorded earlier stays.
            var fields = PredictionDocument.From(p).ToBsonDocument();
            fields.Remove("_id");
            fields.Remove(nameof(PredictionDocument.Outcome));
            return (p.PredictionId, (UpdateDefinition<PredictionDocument>)new BsonDocument("$set", fields));
        }), cancellationToken);

    public Task SaveOutcomesAsync(IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default) =>
        BulkUpsert(outcomes.Select(o => (o.PlayId, Builders<PredictionDocument>.Update.Set(d => d.Outcome, OutcomeDocument.From(o)))), cancellationToken);

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
        using var cursor = await _predictions.FindAsync(filter.And(conditions), cancellationToken: cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var document in cursor.Current)
                yield return document.ToRecord();
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task BulkUpsert(IEnumerable<(string Id, UpdateDefinition<PredictionDocument> Update)> writes, CancellationToken cancellationToken)
    {
        var models = writes.Select(w => new UpdateOneModel<PredictionDocument>(Builders<PredictionDocument>.Filter.Eq(d => d.Id, w.Id), w.Update) { IsUpsert = true }).ToList();
        if (models.Count > 0)
            await _predictions.BulkWriteAsync(models, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }
}
