using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Store;

public static class PredictionStoreFactory
{
    /// <summary>MongoDB when a connection string is configured, else the LiteDB file.</summary>
    public static IPredictionStore Open(StoreOptions options, ILogger log)
    {
        if (options.MongoConnectionString.Length > 0)
        {
            log.StoreOpened("MongoDB", options.MongoDatabase);
            return new MongoPredictionStore(options.MongoConnectionString, options.MongoDatabase, options.Retention);
        }
        log.StoreOpened("LiteDB", Path.GetFullPath(options.LiteDbPath));
        return new LiteDbPredictionStore(options.LiteDbPath);
    }
}
