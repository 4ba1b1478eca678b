using Prometheus;

namespace Pozytywka.StreamProcessor.Diagnostics;

/// <summary>
/// The processor's Prometheus metrics, in a registry of its own so each host (and each test host) counts only
/// its own work. Events/s is <c>rate(pozytywka_events_total[1m])</c>.
/// </summary>
public sealed class StreamMetrics
{
    public StreamMetrics()
    {
        var factory = Metrics.WithCustomRegistry(Registry);
        Events = factory.CreateCounter("pozytywka_events_total", "Session events consumed, by what became of them", "result");
        Hints = factory.CreateCounter("pozytywka_cache_hints_total", "Cache hints acknowledged by the broker", "decision", "variant");
        EventsPassedOver = factory.CreateCounter("pozytywka_events_passed_over_total",
            "Events consumed again (after a crash or a rebalance) that the restored state already holds: their effects were durable, so they are passed over");
        UnhintedPlays = factory.CreateCounter("pozytywka_unhinted_plays_total", "PLAYs of tracks the catalog does not know: scored and recorded, not hinted (the cache has nothing to fetch)");
        Outcomes = factory.CreateCounter("pozytywka_outcomes_total", "Play outcomes acknowledged on the predictions topic");
        RestoredListeners = factory.CreateCounter("pozytywka_state_restored_listeners_total", "Listeners restored from the changelog for newly assigned partitions");
        RestoreSeconds = factory.CreateHistogram("pozytywka_state_restore_seconds", "Reading one assignment's partitions' state from the changelog, while those partitions are paused",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
        Restoring = factory.CreateGauge("pozytywka_state_restoring_partitions", "Assigned partitions each stream thread has paused while their state is read from the changelog", "thread");
        ChangelogRecords = factory.CreateCounter("pozytywka_state_changelog_records_total", "Records written to the state changelog (after the effects of their events were acknowledged)");
        BatchSize = factory.CreateHistogram("pozytywka_batch_events", "Events per micro-batch",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 14) });
        BatchScoringSeconds = factory.CreateHistogram("pozytywka_batch_scoring_seconds", "Reconstruction, features and model for one micro-batch",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });
        // Fine buckets (25 % apart, 0.5 ms to about 3 s) so p50 and p99 can be read off within a few percent.
        EventToHintSeconds = factory.CreateHistogram("pozytywka_event_to_hint_seconds", "From a PLAY's Kafka timestamp to its hint being acknowledged by the broker (PLAYs with a hint only)",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 1.25, 40) });
        HttpPredictionSeconds = factory.CreateHistogram("pozytywka_http_prediction_seconds",
            "Where an HTTP prediction's time goes: score (features and the forward pass it shares with concurrent requests) and log (until the broker acknowledged its record)",
            new HistogramConfiguration { LabelNames = ["phase"], Buckets = Histogram.ExponentialBuckets(0.00005, 1.5, 24) });
        ConsumerLag = factory.CreateGauge("pozytywka_consumer_lag_events", "Events in the partition not yet consumed", "partition");
        AssignedPartitions = factory.CreateGauge("pozytywka_assigned_partitions", "Partitions of the sessions topic each stream thread owns", "thread");
        UnacknowledgedSeconds = factory.CreateGauge("pozytywka_publish_unacknowledged_seconds", "How long the oldest batch sent has waited for the broker's acknowledgement");
        Undeliverable = factory.CreateCounter("pozytywka_undeliverable_total", "Messages that neither their topic nor the dead-letter topic would take");
        StateEntries = factory.CreateGauge("pozytywka_state_entries", "Per-partition state held for the partitions this consumer owns", "kind");
        StateDropped = factory.CreateGauge("pozytywka_state_dropped", "Entries that state's limits have dropped: listeners and ended sessions for room (least recently active first), idle_listeners for idleness; for the partitions this consumer owns", "kind");
        SinkStored = factory.CreateCounter("pozytywka_sink_records_total", "Records of the predictions topic the outcome sink applied to the store: predictions, outcomes and erasures");
        SinkUnreadable = factory.CreateCounter("pozytywka_sink_unreadable_total", "Records of the predictions topic that are not a prediction or an outcome, skipped");
        SinkDeadLettered = factory.CreateCounter("pozytywka_sink_dead_lettered_total",
            "Records of the predictions topic passed over to the sink's dead-letter topic (unreadable, or refused by the store for good)");
        ErrorsHandled = factory.CreateCounter("pozytywka_errors_handled_total",
            "Exceptions caught and handled without stopping (each also logged with its context), by where: " +
            "model_rejected, model_metrics_unreadable, retention_sweep, offset_commit, sink_offset_commit", "where");
        SinkLag = factory.CreateGauge("pozytywka_sink_lag_records", "Records of the predictions topic not yet in the store", "partition");
        SinkStoreFailingSeconds = factory.CreateGauge("pozytywka_sink_store_failing_seconds", "How long the store has refused the sink's writes (0 while it takes them)");
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public Counter Events { get; }
    public Counter Hints { get; }
    public Counter EventsPassedOver { get; }
    public Counter UnhintedPlays { get; }
    public Counter Outcomes { get; }
    public Counter RestoredListeners { get; }
    public Histogram RestoreSeconds { get; }
    public Gauge Restoring { get; }
    public Counter ChangelogRecords { get; }
    public Histogram BatchSize { get; }
    public Histogram BatchScoringSeconds { get; }
    public Histogram EventToHintSeconds { get; }
    public Histogram HttpPredictionSeconds { get; }
    public Gauge ConsumerLag { get; }
    public Gauge AssignedPartitions { get; }
    public Gauge UnacknowledgedSeconds { get; }
    public Counter Undeliverable { get; }
    public Gauge StateEntries { get; }
    public Gauge StateDropped { get; }
    public Counter SinkStored { get; }
    public Counter SinkUnreadable { get; }
    public Counter SinkDeadLettered { get; }
    public Counter ErrorsHandled { get; }
    public Gauge SinkLag { get; }
    public Gauge SinkStoreFailingSeconds { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Listening.State.StateSize> _stateSizes = new();

    public const string Processed = "processed";
    public const string DeadLettered = "dead_lettered";

    /// <summary>One stream thread's state; the gauges show the sum over threads.</summary>
    public void ReportState(int thread, Listening.State.StateSize threadSize)
    {
        _stateSizes[thread] = threadSize;
        var size = _stateSizes.Values.Aggregate(Listening.State.StateSize.Zero, (sum, s) => sum + s);
        StateEntries.WithLabels("listeners").Set(size.Listeners);
        StateEntries.WithLabels("open_sessions").Set(size.OpenSessions);
        StateEntries.WithLabels("ended_sessions").Set(size.EndedSessions);
        StateDropped.WithLabels("listeners").Set(size.DroppedListeners);
        StateDropped.WithLabels("ended_sessions").Set(size.DroppedEndedSessions);
        StateDropped.WithLabels("idle_listeners").Set(size.ExpiredListeners);
    }

    /// <summary>Partitions of the sessions topic the process owns, over all its stream threads.</summary>
    public double OwnedPartitions => AssignedPartitions.GetAllLabelValues().Sum(labels => AssignedPartitions.WithLabels(labels).Value);

    /// <summary>Events consumed and dealt with, processed or dead-lettered.</summary>
    public double EventsHandled => Events.WithLabels(Processed).Value + Events.WithLabels(DeadLettered).Value;

    /// <summary>Hints acknowledged, for one decision or all.</summary>
    public double HintsPublished(string? decision = null) =>
        Hints.GetAllLabelValues().Where(labels => decision is null || labels[0] == decision).Sum(labels => Hints.WithLabels(labels).Value);
}
