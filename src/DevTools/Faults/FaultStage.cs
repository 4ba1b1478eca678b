using Pozytywka.DevTools.Kafka;
using Pozytywka.DevTools.Processes;
using Pozytywka.StreamProcessor.Configuration;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Streaming;
using Pozytywka.StreamProcessor.Sink;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.DevTools.Faults;

/// <summary>
/// Where one scenario runs: an embedded cluster of three brokers with the processor's topics, a store directory, and
/// the <c>serve</c> processes started on them; the peak resident memory of those processes is sampled throughout.
/// </summary>
public sealed class FaultStage : IDisposable
{
    public const int Partitions = 8;
    private const string Sessions = "sessions", HintsTopic = "cache-hints", PredictionsTopic = "skip-predictions", DeadLetter = "sessions-dead-letter",
        StateChangelog = "listener-state-changelog";

    /// <summary>How long the group waits for a member that stopped heartbeating before moving its partitions.</summary>
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(6);

    private readonly FaultOptions _options;
    private readonly List<ServeProcess> _instances = [];
    private readonly CancellationTokenSource _sampling = new();
    private readonly Task _sampler;
    private double _peakRss;

    public FaultStage(FaultOptions options)
    {
        _options = options;
        Cluster = new MockKafkaCluster(brokers: 3);
        // One replica each, spread over the brokers: a broker down cuts off its share of every topic until it is back.
        foreach (var topic in new[] { Sessions, HintsTopic, PredictionsTopic, StateChangelog })
            Cluster.CreateTopic(topic, Partitions);
        Cluster.CreateTopic(DeadLetter, 1);
        StoreDirectory = Directory.CreateTempSubdirectory("pozytywka-faults-").FullName;
        Hints = new TopicFollower(Cluster.BootstrapServers, HintsTopic, Partitions);
        Predictions = new TopicFollower(Cluster.BootstrapServers, PredictionsTopic, Partitions);
        _sampler = SampleAsync(_sampling.Token);
    }

    public MockKafkaCluster Cluster { get; }

    /// <summary>The hints topic as it fills.</summary>
    public TopicFollower Hints { get; }

    /// <summary>The predictions topic as it fills.</summary>
    public TopicFollower Predictions { get; }

    public string StoreDirectory { get; }

    public IReadOnlyList<ServeProcess> Instances => _instances;

    public double PeakRssMegabytes => Volatile.Read(ref _peakRss);

    /// <summary>
    /// Small batches and commits every 2 s, so acknowledged but uncommitted effects are certain at a kill. A partition
    /// quiet for <see cref="FaultOptions.QuietPartition"/> has its sessions ended, so that every outcome is known soon
    /// after the replay.
    /// </summary>
    public Dictionary<string, string?> Settings(ProcessorRole role) => ProcessorSettings.OnBroker(Cluster.BootstrapServers, _options.Data, _options.Models, StoreDirectory)
        .Role(role)
        .Topics(sessions: Sessions, hints: HintsTopic, predictions: PredictionsTopic, deadLetter: DeadLetter, stateChangelog: StateChangelog)
        .Set<KafkaOptions>(nameof(KafkaOptions.SessionTimeout), SessionTimeout)
        .QuietClose(FaultOptions.QuietPartition, FaultOptions.ProducerRetryWindow)
        .Set<StreamingOptions>(nameof(StreamingOptions.MaxBatchSize), 20)
        .Set<StreamingOptions>(nameof(StreamingOptions.CommitInterval), TimeSpan.FromSeconds(2))
        .Build();

    public async Task<ServeProcess> StartAsync(ProcessorRole role)
    {
        var instance = ServeProcess.Start(Settings(role));
        lock (_instances)
            _instances.Add(instance);
        await instance.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        return instance;
    }

    public long Replay(IEnumerable<byte[]> lines, Action<long> progress)
    {
        using var replayer = new SessionReplayer(Cluster.BootstrapServers, Sessions);
        return replayer.Replay(lines.Select((bytes, i) => new Listening.Exports.JsonLine(i + 1, bytes)), _options.Rate, progress, reportEvery: 50);
    }

    /// <summary>
    /// The sinks' consumer group has committed the end of every predictions partition, so the store holds all of it: a
    /// sink commits only what the store acknowledged. (A lag gauge can read 0 while a write is still under way.)
    /// </summary>
    public bool SinksCaughtUp() => GroupProgress.CommittedEverything(Cluster.BootstrapServers, new SinkOptions().GroupId, PredictionsTopic, Partitions);

    /// <summary>The log of record: everything the sessions topic holds (more than was replayed when the replay's producer wrote some twice).</summary>
    public List<Reference.LoggedEvent> SessionsLog() =>
        [.. TopicReader.ReadAll(Cluster.BootstrapServers, Sessions, Partitions).Select(r => new Reference.LoggedEvent(r.Partition.Value, r.Offset.Value, r.Message.Value))];

    /// <summary>Returns as soon as a file of the store changes size or is written, so that a kill can land in the middle of a write.</summary>
    public async Task WaitForStoreWriteAsync(TimeSpan timeout)
    {
        var before = StoreFiles();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!StoreFiles().SequenceEqual(before))
                return;
            await Task.Delay(1);
        }
        throw new TimeoutException($"no store write within {timeout.TotalSeconds:0} s");
    }

    /// <summary>Returns as soon as the state changelog has grown since the call: a write is landing, more of it likely on its way.</summary>
    public async Task WaitForChangelogWriteAsync(TimeSpan timeout)
    {
        using var watcher = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, Confluent.Kafka.Ignore>(
            new Confluent.Kafka.ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = "faults-changelog-watch" }).Build();
        long End() => Enumerable.Range(0, Partitions)
            .Sum(p => watcher.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(StateChangelog, p), TimeSpan.FromSeconds(5)).High.Value);
        var before = End();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (End() > before)
                return;
            await Task.Delay(1);
        }
        throw new TimeoutException($"no state changelog write within {timeout.TotalSeconds:0} s");
    }

    private List<(string, long, DateTime)> StoreFiles() =>
        [.. new DirectoryInfo(StoreDirectory).GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => (f.Name, f.Length, f.LastWriteTimeUtc))];

    public int DeadLettered() => TopicReader.ReadAll(Cluster.BootstrapServers, DeadLetter, 1).Count;

    /// <summary>Stops every instance (SIGTERM) and reads what the store holds.</summary>
    public async Task<List<Contracts.PredictionRecord>> StopAndReadStoreAsync()
    {
        foreach (var instance in _instances)
            instance.Stop();
        using var store = new LiteDbPredictionStore(new StoreOptions { DataDirectory = StoreDirectory }.LiteDbPath);
        return await store.ReadAsync(new PredictionQuery()).ToListAsync();
    }

    public void Dispose()
    {
        _sampling.Cancel();
        _sampler.Wait();
        foreach (var instance in _instances)
            instance.Dispose();
        Hints.Dispose();
        Predictions.Dispose();
        Cluster.Dispose();
        Directory.Delete(StoreDirectory, recursive: true);
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ServeProcess[] running;
            lock (_instances)
                running = [.. _instances];
            foreach (var instance in running)
                Volatile.Write(ref _peakRss, Math.Max(Volatile.Read(ref _peakRss), instance.RssMegabytes()));
            await Task.Delay(500, CancellationToken.None);
        }
    }
}
