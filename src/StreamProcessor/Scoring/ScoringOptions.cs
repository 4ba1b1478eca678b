namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>What live scoring needs: the catalog export, the bundles, the device and the experiment to run.</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Scoring";

    /// <summary>An export directory holding tracks, artists, track_storage and users.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Bundles as the Trainer writes them: NAME/VERSION/.</summary>
    public string ModelsDirectory { get; set; } = "";

    /// <summary>Closed plays kept per listener for the taste features; bundles trained with another number are not loaded.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int ListenerHistory { get; set; } = Listening.Features.ListeningTimeline.DefaultListenerHistory;

    /// <summary>
    /// Listeners whose state one partition keeps; past it the least recently active goes, and returns with an empty
    /// history. Size it above a partition's active listeners: each costs a few kilobytes (docs/benchmarks.md).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000_000)]
    public int MaxListenersPerPartition { get; set; } = Listening.State.StateLimits.DefaultMaxListeners;

    /// <summary>Ended sessions each listener remembers to dead-letter their late events (their most recently ended ones).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int EndedSessionsPerListener { get; set; } = Listening.State.StateLimits.DefaultEndedSessionsPerListener;

    /// <summary>
    /// A session is over once an event of another listener in its partition comes this long after its last event (by
    /// the events' timestamps): its last play was heard in full. Far longer than any track, so a SKIP always finds its play open.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = Listening.State.StateLimits.DefaultSessionIdle;

    /// <summary>
    /// A listener is forgotten altogether (returning as a new listener, with an empty history) once an event of another
    /// listener in their partition comes this long after their last event.
    /// </summary>
    public TimeSpan ListenerIdleTimeout { get; set; } = Listening.State.StateLimits.DefaultListenerIdle;

    public Listening.State.StateLimits StateLimits => new(MaxListenersPerPartition, EndedSessionsPerListener)
    {
        SessionIdle = SessionIdleTimeout,
        ListenerIdle = ListenerIdleTimeout,
    };

    /// <summary>auto (CUDA when present), cpu or cuda.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>
    /// CPU threads libtorch may use for one forward pass. Serving batches are small, and libtorch's idle threads
    /// spin, taking the cores Kafka and the host need; one thread scored 18 % more events per second on 2 cores.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 256)]
    public int CpuThreads { get; set; } = 1;

    /// <summary>Part of every listener's variant hash: a new id reshuffles listeners between variants.</summary>
    public string ExperimentId { get; set; } = "stream";

    /// <summary>Variants and their weights; empty means one variant "A" scoring with the latest advanced bundle.</summary>
    public List<VariantOptions> Variants { get; set; } = [];

    public IReadOnlyList<VariantOptions> EffectiveVariants => Variants.Count > 0 ? Variants : [new VariantOptions()];
}

public sealed class VariantOptions
{
    public string Name { get; set; } = "A";

    /// <summary><c>name</c> (its latest version) or <c>name@version</c>.</summary>
    public string Model { get; set; } = "advanced";

    public double Weight { get; set; } = 1;
}
