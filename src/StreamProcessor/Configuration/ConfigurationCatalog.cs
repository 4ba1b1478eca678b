using System.Collections;
using System.Globalization;
using System.Reflection;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.Listening.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Sink;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.StreamProcessor.Configuration;

/// <summary>One setting: its configuration key, the environment variable that sets it, and its default.</summary>
public sealed record ConfigurationKey(string Key, string EnvironmentVariable, string Default);

/// <summary>
/// Every setting the processor binds, derived from its options classes, so the operations guide, the
/// <c>options</c> command and the deployment check can never drift from what the code reads: the host binds each
/// options class from the section <see cref="Sections"/> maps it to (<see cref="SectionOf{TOptions}"/>), nowhere else.
/// </summary>
public static class ConfigurationCatalog
{
    public static IReadOnlyList<(string Section, Type Options)> Sections { get; } =
    [
        (ProcessorOptions.SectionName, typeof(ProcessorOptions)),
        (KafkaOptions.SectionName, typeof(KafkaOptions)),
        ($"{KafkaOptions.SectionName}:ProducerRetry", typeof(ProducerRetryOptions)),
        (StreamingOptions.SectionName, typeof(StreamingOptions)),
        (ScoringOptions.SectionName, typeof(ScoringOptions)),
        (StoreOptions.SectionName, typeof(StoreOptions)),
        (SinkOptions.SectionName, typeof(SinkOptions)),
        (CacheHintOptions.SectionName, typeof(CacheHintOptions)),
        (ModelRegistryOptions.SectionName, typeof(ModelRegistryOptions)),
        (ApiOptions.SectionName, typeof(ApiOptions)),
    ];

    /// <summary>The section an options class is bound from; the host binds every options class through it.</summary>
    public static string SectionOf<TOptions>() =>
        Sections.FirstOrDefault(s => s.Options == typeof(TOptions)).Section
        ?? throw new InvalidOperationException($"{typeof(TOptions).Name} is bound but not in ConfigurationCatalog.Sections");

    /// <summary>Keys read by the host and logging rather than by an options class.</summary>
    public static IReadOnlyList<string> FrameworkPrefixes { get; } = ["Serilog", "Logging", "ASPNETCORE_", "DOTNET_", "urls"];

    private const string AnyClass = "{class}";

    public static IEnumerable<ConfigurationKey> Keys() =>
        Sections.SelectMany(s => KeysOf(s.Section, s.Options, Activator.CreateInstance(s.Options)!));

    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>True when an environment variable sets a bound option (list indexes and dictionary keys included) or a framework key.</summary>
    public static bool IsRead(string environmentVariable)
    {
        if (FrameworkPrefixes.Any(p => environmentVariable.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return true;
        var normalised = string.Join("__", environmentVariable.Split("__").Select(part => part.All(char.IsDigit) ? "0" : part));
        return Keys().Any(k => k.EnvironmentVariable.EndsWith(AnyClass, StringComparison.Ordinal)
            ? normalised.StartsWith(k.EnvironmentVariable[..^AnyClass.Length], StringComparison.OrdinalIgnoreCase)
              && !normalised[(k.EnvironmentVariable.Length - AnyClass.Length)..].Contains("__", StringComparison.Ordinal)
            : string.Equals(k.EnvironmentVariable, normalised, StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<ConfigurationKey> KeysOf(string prefix, Type type, object defaults)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(defaults);
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var entries = new List<string>();
                var entry = ((IDictionary)value!).GetEnumerator();
                while (entry.MoveNext())
                    entries.Add($"{entry.Key}={Format(entry.Value)}");
                yield return Key($"{key}:{AnyClass}", string.Join(", ", entries));
            }
            else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                var element = property.PropertyType.GetGenericArguments()[0];
                foreach (var nested in KeysOf($"{key}:0", element, Activator.CreateInstance(element)!))
                    yield return nested with { Default = $"{nested.Default} (per entry; an empty list has a default)" };
            }
            else if (property.PropertyType.IsClass && property.PropertyType != typeof(string))
            {
                // An optional section unset by default lists its keys with the defaults it takes once set.
                foreach (var nested in KeysOf(key, property.PropertyType, value ?? Activator.CreateInstance(property.PropertyType)!))
                    yield return nested;
            }
            else
            {
                yield return Key(key, Format(value));
            }
        }
    }

    private static ConfigurationKey Key(string key, string defaultValue) => new(key, EnvironmentName(key), defaultValue);

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
