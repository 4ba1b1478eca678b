using System.Reflection;
using System.Runtime.InteropServices;

namespace Pozytywka.StreamProcessor.Kafka;

/// <summary>
/// Loads librdkafka from Confluent.Kafka's native package once, for both the client and the mock cluster.
/// On Linux the default build needs libsasl2.so.3, which Debian lacks; the package's centos8 build does not,
/// so it is taken whenever the default cannot load. An import resolver hands that one library to Confluent.Kafka
/// and to the mock cluster the development tools host alike (Confluent.Kafka's own Library.Load needs a libdl.so that
/// current glibc no longer ships).
/// </summary>
public static class Librdkafka
{
    /// <summary>The library name other assemblies' imports use to reach the librdkafka loaded here (see <see cref="ResolveImportsOf"/>).</summary>
    public const string ImportName = "pozytywka-librdkafka";

    private static readonly Lock Gate = new();
    private static readonly HashSet<Assembly> Resolved = [];
    private static string? _loadedPath;
    private static IntPtr _handle;

    public static string Load()
    {
        lock (Gate)
        {
            if (_loadedPath is not null)
                return _loadedPath;
            var candidates = Candidates().Where(File.Exists).ToList();
            foreach (var candidate in candidates)
            {
                if (!NativeLibrary.TryLoad(candidate, out var handle))
                    continue;
                _handle = handle;
                Register(typeof(Confluent.Kafka.Library).Assembly);
                return _loadedPath = candidate;
            }
            throw new DllNotFoundException($"no loadable librdkafka among: {string.Join(", ", candidates.DefaultIfEmpty("(none found)"))}");
        }
    }

    /// <summary>Points an assembly's librdkafka imports (<see cref="ImportName"/>, or any name with librdkafka in it) at the loaded library.</summary>
    public static void ResolveImportsOf(Assembly assembly)
    {
        Load();
        Register(assembly);
    }

    private static void Register(Assembly assembly)
    {
        lock (Gate)
        {
            if (Resolved.Add(assembly))
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == ImportName || name.Contains("librdkafka", StringComparison.Ordinal) ? _handle : IntPtr.Zero;

    private static IEnumerable<string> Candidates()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm64", StringComparison.Ordinal) ? "linux-arm64" : "linux-x64", "native");
        yield return Path.Combine(native, "librdkafka.so");
        yield return Path.Combine(native, "centos8-librdkafka.so");
        yield return Path.Combine(AppContext.BaseDirectory, "librdkafka.so");
    }
}
