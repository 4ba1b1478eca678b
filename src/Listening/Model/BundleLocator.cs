namespace Pozytywka.Listening.Model;

/// <summary>
/// Finds bundles in a models directory laid out as the Trainer writes it (<c>NAME/VERSION/bundle.json</c>).
/// A reference is <c>name@version</c>, or a bare <c>name</c> meaning its most recently created version.
/// </summary>
public static class BundleLocator
{
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
        var versions = Directory.Exists(modelDirectory)
            ? Directory.EnumerateDirectories(modelDirectory).Where(d => File.Exists(Path.Combine(d, ModelBundle.ManifestFile))).ToList()
            : [];
        return versions.Count > 0
            ? versions.MaxBy(d => ModelBundle.ReadManifest(d).CreatedAt)!
            : throw new FileNotFoundException($"no bundle of model '{name}' under {modelsDirectory}");
    }

    public static (string Name, string? Version) Split(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (reference, null) : (reference[..at], reference[(at + 1)..]);
    }
}
