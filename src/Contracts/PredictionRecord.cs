namespace Pozytywka.Contracts;

/// <summary>Where a prediction was made.</summary>
public enum PredictionSource
{
    Stream,
    Http,
}

/// <summary>
/// The inputs a prediction was made from, enough to audit or recompute it. Never personal data:
/// no names, cities or streets, only ids and play context.
/// </summary>
public sealed record PredictionInputs(
    string TrackId,
    long? UserId,
    long? SessionId,
    int Position,
    int SkipsSoFar,
    bool PreviousSkipped,
    bool AdvertisementBefore,
    bool Premium,
    IReadOnlyList<string> FavouriteGenres);

/// <summary>One prediction and, once known, its real outcome: the unit of online evaluation. <c>Experiment</c>
/// names the experiment whose variant made it (the stream's or an HTTP A/B test), null for a direct request.</summary>
public sealed record PredictionRecord(
    string PredictionId,
    PredictionSource Source,
    string Model,
    string ModelVersion,
    string Variant,
    double SkipProbability,
    bool PredictedSkip,
    PredictionInputs Inputs,
    DateTime EventTime,
    DateTime PredictedAt,
    PlayOutcome? Outcome,
    string? Experiment = null);
