namespace Pozytywka.StreamProcessor.Diagnostics;

/// <summary>The processor's log messages, source-generated; their named placeholders become structured properties.</summary>
internal static partial class ProcessorLog
{
    [LoggerMessage(LogLevel.Warning, "Catalog fault {Fault}: {Count} rows, first at {FirstSeen}")]
    public static partial void CatalogFault(this ILogger log, string fault, long count, string firstSeen);

    [LoggerMessage(LogLevel.Information, "Catalog loaded from {DataDirectory}: {Tracks} tracks, {Listeners} listeners")]
    public static partial void CatalogLoaded(this ILogger log, string dataDirectory, int tracks, int listeners);

    [LoggerMessage(LogLevel.Information, "Variant {Variant} scores with {Model}@{Version} from {Directory} on {Device}, weight {Weight}")]
    public static partial void VariantLoaded(this ILogger log, string variant, string model, string version, string directory, string device, double weight);

    [LoggerMessage(LogLevel.Information, "Predictions and outcomes go to {Store} at {Location}")]
    public static partial void StoreOpened(this ILogger log, string store, string location);

    [LoggerMessage(LogLevel.Information, "Outcome sink consuming {Topic} as group {GroupId}")]
    public static partial void SinkConsuming(this ILogger log, string topic, string groupId);

    [LoggerMessage(LogLevel.Warning, "The store refused a write; the records wait in Kafka and the write is tried again in {Delay}")]
    public static partial void StoreWriteFailed(this ILogger log, Exception exception, TimeSpan delay);

    [LoggerMessage(LogLevel.Critical, "The outcome sink failed; uncommitted records are stored by the next run")]
    public static partial void SinkFailed(this ILogger log, Exception exception);

    [LoggerMessage(LogLevel.Error, "Skipped {Position} of the predictions topic: {Reason}")]
    public static partial void SinkRecordUnreadable(this ILogger log, string position, string reason);

    [LoggerMessage(LogLevel.Error, "The store refuses play {PredictionId} for good, its records go to the sink's dead letters: {Reason}")]
    public static partial void SinkRecordRefused(this ILogger log, string predictionId, string reason);

    [LoggerMessage(LogLevel.Error, "The broker refused a message for {Topic} for good ({Reason}); it goes to the dead-letter topic")]
    public static partial void Undeliverable(this ILogger log, string topic, string reason);

    [LoggerMessage(LogLevel.Critical, "The dead-letter topic refused a message for good ({Reason}); it is counted in pozytywka_undeliverable_total and dropped")]
    public static partial void DeadLetterRefused(this ILogger log, string reason);

    [LoggerMessage(LogLevel.Warning, "Delivery failed; sending the message again in {Delay}")]
    public static partial void DeliveryRetried(this ILogger log, Exception exception, TimeSpan delay);

    [LoggerMessage(LogLevel.Information, "Consuming {Topic} as group {GroupId} at {BootstrapServers}")]
    public static partial void Consuming(this ILogger log, string topic, string groupId, string bootstrapServers);

    [LoggerMessage(LogLevel.Information, "Stopped: the last batch is durable and committed")]
    public static partial void StoppedCleanly(this ILogger log);

    [LoggerMessage(LogLevel.Critical, "The consumer failed; uncommitted events will be processed again on restart")]
    public static partial void ConsumerFailed(this ILogger log, Exception exception);

    [LoggerMessage(LogLevel.Information, "Assigned {Partitions}")]
    public static partial void Assigned(this ILogger log, string partitions);

    [LoggerMessage(LogLevel.Information, "Revoked {Partitions} after committing their consumed events")]
    public static partial void Revoked(this ILogger log, string partitions);

    [LoggerMessage(LogLevel.Warning, "Lost {Partitions}; their uncommitted events are left to the next owner")]
    public static partial void Lost(this ILogger log, string partitions);

    [LoggerMessage(LogLevel.Warning, "Committing {Offsets} failed; those events will be processed again")]
    public static partial void CommitFailed(this ILogger log, Exception exception, string offsets);

    [LoggerMessage(LogLevel.Warning, "The broker did not answer for {Question} of {Partitions}; the lag keeps its last value")]
    public static partial void BrokerQuestionUnanswered(this ILogger log, Exception exception, string question, string partitions);

    [LoggerMessage(LogLevel.Warning, "Changelog {Partition} starts at offset {Low}: records before it are gone (a broker that deletes instead of compacting?); their listeners start afresh")]
    public static partial void ChangelogIncomplete(this ILogger log, string partition, long low);

    [LoggerMessage(LogLevel.Warning, "Changelog {Partition}: {Unreadable} records could not be read and {Unfit} listeners did not fit this instance's history size; they start afresh")]
    public static partial void ChangelogUnusable(this ILogger log, string partition, int unreadable, int unfit);

    [LoggerMessage(LogLevel.Information, "Restored {Listeners} listeners of {Partitions} from {Records} changelog records in {Seconds:0.000} s, claimed at epochs {Epochs}")]
    public static partial void Restored(this ILogger log, string partitions, int listeners, long records, double seconds, string epochs);

    [LoggerMessage(LogLevel.Warning, "Restoring {Partitions} from the changelog failed; trying again")]
    public static partial void RestoreFailed(this ILogger log, Exception exception, string partitions);

    [LoggerMessage(LogLevel.Error, "The changelog {Topic} refused a record of partition {Partition} for good: {Reason}; that listener's state restores older")]
    public static partial void ChangelogRecordRefused(this ILogger log, string topic, int partition, string reason);

    [LoggerMessage(LogLevel.Information, "State changelog {Topic}: {Partitions} partitions, as many as the sessions topic")]
    public static partial void ChangelogReady(this ILogger log, string topic, int partitions);

    [LoggerMessage(LogLevel.Warning, "Waiting for the topics {SessionsTopic} and {ChangelogTopic} (compacted, as many partitions as the first): kafka/create-topics.sh creates both")]
    public static partial void WaitingForTopics(this ILogger log, string sessionsTopic, string changelogTopic);

    [LoggerMessage(LogLevel.Debug, "Hint for play {PlayId} of session {SessionId}: {Decision} track {TrackId}, completion {CompletionProbability} by {Model} ({Variant})")]
    public static partial void HintPublished(this ILogger log, string playId, long sessionId, Contracts.CacheDecision decision, string trackId, double completionProbability, string model, string variant);

    [LoggerMessage(LogLevel.Warning, "Dead-lettered {Topic}/{Partition}@{Offset} of session {SessionId}: {FaultKind}: {Reason}")]
    public static partial void DeadLettered(this ILogger log, string topic, int partition, long offset, long? sessionId, string faultKind, string reason);

    [LoggerMessage(LogLevel.Debug, "Outcome of play {PlayId} of session {SessionId}: skipped {Skipped}, {SecondsPlayed} s played, closed by {ClosedBy}")]
    public static partial void OutcomeKnown(this ILogger log, string playId, long sessionId, bool skipped, double secondsPlayed, Contracts.PlayClosedBy closedBy);

    [LoggerMessage(LogLevel.Information, "Model {Model} loaded from {Directory}")]
    public static partial void ModelLoaded(this ILogger log, string model, string directory);

    [LoggerMessage(LogLevel.Warning, "Bundle {Directory} not loaded: {Reason}")]
    public static partial void ModelRejected(this ILogger log, string directory, string reason);

    [LoggerMessage(LogLevel.Warning, "Bundle {Directory} loaded without the Trainer's figures: {Reason}")]
    public static partial void ModelMetricsUnreadable(this ILogger log, string directory, string reason);

    [LoggerMessage(LogLevel.Information, "{Model} version {Version} is now the champion")]
    public static partial void Promoted(this ILogger log, string model, string version);

    [LoggerMessage(LogLevel.Information, "Retention: {Removed} plays predicted before {Cutoff:O} removed from the store")]
    public static partial void RetentionSwept(this ILogger log, long removed, DateTime cutoff);

    [LoggerMessage(LogLevel.Warning, "Retention sweep failed; the next one catches up")]
    public static partial void RetentionSweepFailed(this ILogger log, Exception error);
}
