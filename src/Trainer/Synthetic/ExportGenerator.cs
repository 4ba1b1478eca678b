using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Synthetic;

/// <summary>Writes a whole synthetic export, deterministic per seed; under --faults also <c>faults.json</c>.</summary>
public static class ExportGenerator
{
    public const string ManifestFile = "faults.json";

    public static long Generate(GeneratorOptions options, IProgress<double>? progress = null)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var random = new SyntheticRandom(options.Seed);
        var world = new SyntheticWorld(options, random);
        var faults = options.Faults ? new FaultManifest() : null;

        long events;
        // Sessions first: listeners who buy premium during the export are premium in users.jsonl.
        using (var writer = new EventLineWriter(File.Create(Path.Combine(options.OutputDirectory, "sessions.jsonl"))))
        {
            new SessionSimulator(world, options, random, faults).Run(writer, progress);
            events = writer.Lines;
        }
        new CatalogFileWriter(world, faults).WriteAll(options.OutputDirectory);

        if (faults is not null)
            File.WriteAllText(Path.Combine(options.OutputDirectory, ManifestFile), JsonSerializer.Serialize(faults, ManifestJsonContext.Default.FaultManifest));
        return events;
    }

    public static FaultManifest ReadManifest(string directory) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(directory, ManifestFile)), ManifestJsonContext.Default.FaultManifest)
        ?? throw new InvalidDataException($"{ManifestFile} in {directory} is empty");
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FaultManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
