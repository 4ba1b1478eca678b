using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pozytywka.Contracts;
using Pozytywka.Contracts.Json;

namespace Pozytywka.StreamProcessor.Outcomes;

/// <summary>One write the store could not take: a prediction or an outcome.</summary>
public sealed record JournalEntry(PredictionRecord? Prediction, PlayOutcome? Outcome);

/// <summary>
/// A local, fsynced JSON Lines file of writes the store could not take while it was down. Replaying it is
/// safe at any time because every store write is an idempotent upsert.
/// </summary>
public sealed class OutcomeJournal(string path)
{
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
                return !File.Exists(Path) || new FileInfo(Path).Length == 0;
        }
    }

    public void Append(IEnumerable<JournalEntry> entries)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            foreach (var entry in entries)
                file.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, JournalJsonContext.Default.JournalEntry) + "\n"));
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Hands every journalled entry to <paramref name="replay"/>; the journal is emptied only if that succeeds.</summary>
    public async Task DrainAsync(Func<IReadOnlyList<JournalEntry>, Task> replay)
    {
        List<JournalEntry> entries;
        lock (_gate)
        {
            if (!File.Exists(Path))
                return;
            entries = File.ReadLines(Path).Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize(l, JournalJsonContext.Default.JournalEntry)!).ToList();
        }
        if (entries.Count == 0)
            return;
        await replay(entries);
        lock (_gate)
        {
            // Entries appended while replaying stay for the next drain.
            var remaining = File.ReadLines(Path).Where(l => l.Length > 0).Skip(entries.Count).ToList();
            File.WriteAllLines(Path, remaining);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
