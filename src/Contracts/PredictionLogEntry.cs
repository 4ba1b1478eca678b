using System.Text.Json.Serialization;

namespace Pozytywka.Contracts;

/// <summary>
/// One record of the <c>skip-predictions</c> topic: a prediction as it was made, or a play's real outcome once
/// known, never both. The stream processor and the HTTP API write them; the outcome sink upserts them into the
/// store by prediction id, in any order, any number of times.
/// </summary>
public sealed record PredictionLogEntry(PredictionRecord? Prediction, PlayOutcome? Outcome)
{
    public static PredictionLogEntry Of(PredictionRecord prediction) => new(prediction, null);

    public static PredictionLogEntry Of(PlayOutcome outcome) => new(null, outcome);

    /// <summary>The prediction (play) id both kinds of record belong to.</summary>
    [JsonIgnore]
    public string PredictionId => Prediction?.PredictionId ?? Outcome?.PlayId ?? "";

    /// <summary>
    /// The Kafka key: the prediction id with the kind of record, so a compacted topic keeps the latest prediction
    /// and the latest outcome of every play (a key of the id alone would let an outcome erase its prediction).
    /// </summary>
    [JsonIgnore]
    public string Key => Prediction is not null ? PredictionKey(PredictionId) : OutcomeKey(PredictionId);

    public static string PredictionKey(string predictionId) => predictionId + PredictionSuffix;

    public static string OutcomeKey(string predictionId) => predictionId + OutcomeSuffix;

    /// <summary>The prediction id a key names, or null when the key is not one of this topic's.</summary>
    public static string? PredictionIdOf(string key) =>
        key.EndsWith(PredictionSuffix, StringComparison.Ordinal) ? key[..^PredictionSuffix.Length]
        : key.EndsWith(OutcomeSuffix, StringComparison.Ordinal) ? key[..^OutcomeSuffix.Length]
        : null;

    private const string PredictionSuffix = "/prediction";
    private const string OutcomeSuffix = "/outcome";

    /// <summary>Exactly one of the two is set and it names a prediction.</summary>
    [JsonIgnore]
    public bool IsWellFormed => (Prediction is null) != (Outcome is null) && PredictionId.Length > 0;
}
