namespace Pozytywka.Commands.Tests;

/// <summary>
/// A working directory in which a newcomer has run <c>generate</c> and <c>train</c> for both models exactly as the
/// README spells them; the other commands' tests use the export and the bundles they made.
/// </summary>
public sealed class TrainedWorkspace : IAsyncLifetime
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    public string Directory { get; } = Workspace.NewDirectory();
    public string Export => Path.Combine(Directory, "export");
    public string Models => Path.Combine(Directory, "models");

    public CommandProcess Generate { get; private set; } = null!;
    public CommandProcess TrainSimple { get; private set; } = null!;
    public CommandProcess TrainAdvanced { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Generate = await CommandProcess.RunAsync(Directory, CommandTimeout, "generate", "--out", "export", "--users", "20", "--sessions", "200");
        TrainSimple = await CommandProcess.RunAsync(Directory, CommandTimeout, "train", "--data", "export", "--model", "simple", "--out", "models");
        TrainAdvanced = await CommandProcess.RunAsync(Directory, CommandTimeout, "train", "--data", "export", "--model", "advanced", "--out", "models");
    }

    /// <summary>The sessions file's PLAY events, and the play ids the README's rule gives them (SESSION-POSITION, from 1).</summary>
    public IReadOnlyList<string> ExpectedPlayIds()
    {
        var positions = new Dictionary<long, int>();
        var ids = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(Export, "sessions.jsonl")))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            if (!string.Equals(json.RootElement.GetProperty("event_type").GetString(), "PLAY", StringComparison.OrdinalIgnoreCase))
                continue;
            var session = json.RootElement.GetProperty("session_id").GetInt64();
            positions[session] = positions.GetValueOrDefault(session) + 1;
            ids.Add($"{session}-{positions[session]}");
        }
        return ids;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class TrainedWorkspaceGroup : ICollectionFixture<TrainedWorkspace>
{
    public const string Name = "trained workspace";
}
