namespace Pozytywka.StreamProcessor.Outcomes;

public static class PredictionStoreFactory
{
    /// <summary>MongoDB when a connection string is configured, else the LiteDB file; either way behind retries, a breaker and the local journal.</summary>
    public static ResilientPredictionStore Open(StoreOptions options, ILogger log)
    {
        IPredictionStore inner;
        if (options.MongoConnectionString.Length > 0)
        {
            inner = new MongoPredictionStore(options.MongoConnectionString, options.MongoDatabase);
            log.StoreOpened("MongoDB", options.MongoDatabase);
        }
        else
        {
            inner = new LiteDbPredictionStore(options.LiteDbPath);
            log.StoreOpened("LiteDB", Path.GetFullPath(options.LiteDbPath));
        }
        return new ResilientPredictionStore(inner, new OutcomeJournal(options.JournalPath), options.Resilience);
    }
}
