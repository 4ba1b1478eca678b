using System.Globalization;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Configuration;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Sink;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Streaming;

namespace Pozytywka.DevTools.Processes;

/// <summary>
/// The processor's settings as the development hosts run it (the demo, the bench, the fault report and the tests),
/// built one way: each key is named through the options class that reads it and the section
/// <see cref="ConfigurationCatalog"/> maps that class to, so a renamed option breaks the build, not a run.
/// </summary>
public sealed class ProcessorSettings
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>On a development broker (its short fetch wait), scoring on the CPU, errors only in the log, an ephemeral port.</summary>
    public static ProcessorSettings OnBroker(string bootstrapServers, string dataDirectory, string modelsDirectory, string storeDirectory) => new ProcessorSettings()
        .Set<KafkaOptions>(nameof(KafkaOptions.BootstrapServers), bootstrapServers)
        .Set<KafkaOptions>(nameof(KafkaOptions.FetchWaitMax), MockKafkaCluster.FetchWaitMax)
        .Set<ScoringOptions>(nameof(ScoringOptions.DataDirectory), dataDirectory)
        .Set<ScoringOptions>(nameof(ScoringOptions.ModelsDirectory), modelsDirectory)
        .Set<ScoringOptions>(nameof(ScoringOptions.Device), "cpu")
        .Set<StoreOptions>(nameof(StoreOptions.DataDirectory), storeDirectory)
        .Set("Serilog:MinimumLevel:Default", "Error")
        .Set("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Error")
        .Set("urls", "http://127.0.0.1:0");

    public ProcessorSettings Role(ProcessorRole role) => Set<ProcessorOptions>(nameof(ProcessorOptions.Role), role);

    /// <summary>The stream's consumer group and the sink's beside it (<c>GROUP-sink</c>).</summary>
    public ProcessorSettings Group(string groupId) =>
        Set<KafkaOptions>(nameof(KafkaOptions.GroupId), groupId).Set<SinkOptions>(nameof(SinkOptions.GroupId), $"{groupId}-sink");

    /// <summary>The topics that are not the defaults.</summary>
    public ProcessorSettings Topics(string? sessions = null, string? hints = null, string? predictions = null, string? deadLetter = null,
        string? predictionsDeadLetter = null, string? stateChangelog = null)
    {
        foreach (var (property, topic) in new[]
                 {
                     (nameof(KafkaOptions.SessionsTopic), sessions), (nameof(KafkaOptions.CacheHintsTopic), hints),
                     (nameof(KafkaOptions.PredictionsTopic), predictions), (nameof(KafkaOptions.DeadLetterTopic), deadLetter),
                     (nameof(KafkaOptions.PredictionsDeadLetterTopic), predictionsDeadLetter), (nameof(KafkaOptions.StateChangelogTopic), stateChangelog),
                 })
        {
            if (topic is not null)
                Set<KafkaOptions>(property, topic);
        }
        return this;
    }

    /// <summary>Quiet partitions' sessions ended this soon: a finite replay's last outcomes become known.</summary>
    public ProcessorSettings QuietClose(TimeSpan quietPartition, TimeSpan producerRetryWindow) =>
        Set<StreamingOptions>(nameof(StreamingOptions.QuietPartitionTimeout), quietPartition)
            .Set<StreamingOptions>(nameof(StreamingOptions.ProducerRetryWindow), producerRetryWindow);

    public ProcessorSettings Set<TOptions>(string property, object value) where TOptions : class =>
        Set($"{ConfigurationCatalog.SectionOf<TOptions>()}:{property}", Convert.ToString(value, CultureInfo.InvariantCulture));

    public ProcessorSettings Set(string key, string? value)
    {
        _values[key] = value;
        return this;
    }

    /// <summary>As configuration keys (<c>Kafka:GroupId</c>), for a host in this process.</summary>
    public Dictionary<string, string?> Build() => new(_values, StringComparer.OrdinalIgnoreCase);

    /// <summary>As environment variables (<c>Kafka__GroupId</c>), for a process.</summary>
    public Dictionary<string, string> ToEnvironment() =>
        _values.Where(v => v.Value is not null).ToDictionary(v => ConfigurationCatalog.EnvironmentName(v.Key), v => v.Value!);
}
