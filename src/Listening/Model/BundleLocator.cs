namespace Pozytywka.Listening.Model;

/// <summary>
/// Finds bundles in a models directory laid out as the Trainer writes it (<c>NAME/VERSION/bundle.json</c>).
/// A reference is <c>name@version</c>, or a bare <c>name</c> meaning its most recently created version.
/// </summary>
public static class BundleLocator
{
    /// <summary>Every bundle in the directory (<c>NAME/VERSION</c> holding a manifest), in ordinal path order.</summary>
    public static IReadOnlyList<string> All(string modelsDirectory) =>
        Directory.Exists(modelsDirectory)
            ? Directory.EnumerateDirectories(modelsDirectory).SelectMany(Versions).Order(StringComparer.Ordinal).ToList()
            : [];

    public static string Resolve(string modelsDirectory, string reference)
    {
        var (name, version) = Split(reference);
        var modelDirectory = Path.Combine(modelsDirectory, name);
        if (version is not null)
        {
            var exact = Path.Combine(modelDirectory, version);
            return File.Exists(Path.Combine(exact, ModelBundle.ManifestFile))
                ? exact
                : throw new FileNotFoundException($"no bundle {name}@{version} under {modelsDirectory}");
        }
        var versions = Directory.Exists(modelDirectory) ? Versions(modelDirectory).ToList() : [];
        return versions.Count > 0
            ? versions.MaxBy(d => ModelBundle.ReadManifest(d).CreatedAt)!
            : throw new FileNotFoundException($"no bundle of model '{name}' under {modelsDirectory}");
    }

    public static (string Name, string? Version) Split(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (reference, null) : (reference[..at], reference[(at + 1)..]);
    }

    private static IEnumerable<string> Versions(string modelDirectory) =>
        Directory.EnumerateDirectories(modelDirectory).Where(d => File.Exists(Path.Combine(d, ModelBundle.ManifestFile)));
}
