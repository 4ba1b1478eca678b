namespace Pozytywka.StreamProcessor.Store;

/// <summary>Where predictions and outcomes go: MongoDB when a connection string is set, else a LiteDB file.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    public string MongoConnectionString { get; set; } = "";
    public string MongoDatabase { get; set; } = "pozytywka";

    /// <summary>Holds the LiteDB file.</summary>
    public string DataDirectory { get; set; } = ".pozytywka/store";

    public string LiteDbPath => Path.Combine(DataDirectory, "predictions.db");

    /// <summary>
    /// How long a prediction and its outcome are kept after the prediction was made; unset keeps them for good.
    /// MongoDB expires them with a TTL index; the outcome sink sweeps them out every <see cref="RetentionSweepInterval"/>
    /// (for LiteDB, and for MongoDB too, where the TTL monitor may lag).
    /// </summary>
    public TimeSpan? Retention { get; set; }

    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
