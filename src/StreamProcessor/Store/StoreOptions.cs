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
}
