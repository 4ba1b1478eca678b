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
/// safe at any time because every store write is an idempotent upsert. Drains run one at a time, so no drain
/// can cut lines another has not replayed. A line that cannot be read (the torn end of an append a crash
/// interrupted, which was never acknowledged) is moved to <see cref="UnreadablePath"/> rather than blocking
/// every later drain, and an append after a torn line starts on a line of its own.
/// </summary>
public sealed class OutcomeJournal(string path) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _draining = new(1, 1);

    public string Path { get; } = path;

    public string UnreadablePath => Path + ".unreadable";

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
            var endsMidLine = EndsMidLine();
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            if (endsMidLine)
                file.WriteByte((byte)'\n');
            foreach (var entry in entries)
                file.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, JournalJsonContext.Default.JournalEntry) + "\n"));
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Hands every journalled entry to <paramref name="replay"/>; what it replayed leaves the journal only if that succeeds.</summary>
    public async Task DrainAsync(Func<IReadOnlyList<JournalEntry>, Task> replay)
    {
        await _draining.WaitAsync();
        try
        {
            List<string> lines;
            lock (_gate)
            {
                if (!File.Exists(Path))
                    return;
                lines = File.ReadLines(Path).Where(l => l.Length > 0).ToList();
            }
            var read = lines.Select(line => (Line: line, Entry: Read(line))).ToList();
            var entries = read.Select(r => r.Entry).OfType<JournalEntry>().ToList();
            if (entries.Count > 0)
                await replay(entries);
            lock (_gate)
            {
                var unreadable = read.Where(r => r.Entry is null).Select(r => r.Line).ToList();
                if (unreadable.Count > 0)
                    File.AppendAllLines(UnreadablePath, unreadable);
                // Entries appended while replaying stay for the next drain.
                var remaining = File.ReadLines(Path).Where(l => l.Length > 0).Skip(lines.Count).ToList();
                File.WriteAllLines(Path, remaining);
            }
        }
        finally
        {
            _draining.Release();
        }
    }

    public void Dispose() => _draining.Dispose();

    private static JournalEntry? Read(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool EndsMidLine()
    {
        if (!File.Exists(Path))
            return false;
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0)
            return false;
        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte() != '\n';
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
