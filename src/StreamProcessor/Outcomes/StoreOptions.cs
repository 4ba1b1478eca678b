namespace Pozytywka.StreamProcessor.Outcomes;

/// <summary>Where predictions and outcomes go: MongoDB when a connection string is set, else a LiteDB file.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    public string MongoConnectionString { get; set; } = "";
    public string MongoDatabase { get; set; } = "pozytywka";

    /// <summary>Holds the LiteDB file and the local outcome journal.</summary>
    public string DataDirectory { get; set; } = ".pozytywka/store";

    public StoreResilienceOptions Resilience { get; set; } = new();

    public string LiteDbPath => Path.Combine(DataDirectory, "predictions.db");
    public string JournalPath => Path.Combine(DataDirectory, "outcome-journal.jsonl");
}
