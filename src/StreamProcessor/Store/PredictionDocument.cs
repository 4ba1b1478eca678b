using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Store;

/// <summary>
/// The stored shape of a prediction and its outcome: flat, with settable properties, so both document stores
/// map it by convention. <see cref="HasPrediction"/> is false for an outcome still waiting for its prediction, and
/// for an erased play, which keeps only its id and <see cref="ErasedAt"/> so that nothing of it arriving later is stored.
/// </summary>
public sealed class PredictionDocument
{
    public string Id { get; set; } = "";
    public bool HasPrediction { get; set; }
    public string Source { get; set; } = "";
    public string Model { get; set; } = "";
    public string ModelVersion { get; set; } = "";
    public string Variant { get; set; } = "";
    public string? Experiment { get; set; }
    public double SkipProbability { get; set; }
    public bool PredictedSkip { get; set; }
    public string TrackId { get; set; } = "";
    public long? UserId { get; set; }
    public long? SessionId { get; set; }
    public int Position { get; set; }
    public int SkipsSoFar { get; set; }
    public bool PreviousSkipped { get; set; }
    public bool AdvertisementBefore { get; set; }
    public bool Premium { get; set; }
    public List<string> FavouriteGenres { get; set; } = [];
    public DateTime EventTime { get; set; }
    public DateTime PredictedAt { get; set; }
    public OutcomeDocument? Outcome { get; set; }
    public DateTime? ErasedAt { get; set; }

    public static PredictionDocument Erased(string id, DateTime at) => new() { Id = id, ErasedAt = at };

    public static PredictionDocument From(PredictionRecord r) => new PredictionDocument { Id = r.PredictionId }.WithPrediction(r);

    /// <summary>Copies the prediction's fields in, leaving any recorded outcome as it is.</summary>
    public PredictionDocument WithPrediction(PredictionRecord r)
    {
        HasPrediction = true;
        Source = r.Source.ToString();
        Model = r.Model;
        ModelVersion = r.ModelVersion;
        Variant = r.Variant;
        Experiment = r.Experiment;
        SkipProbability = r.SkipProbability;
        PredictedSkip = r.PredictedSkip;
        TrackId = r.Inputs.TrackId;
        UserId = r.Inputs.UserId;
        SessionId = r.Inputs.SessionId;
        Position = r.Inputs.Position;
        SkipsSoFar = r.Inputs.SkipsSoFar;
        PreviousSkipped = r.Inputs.PreviousSkipped;
        AdvertisementBefore = r.Inputs.AdvertisementBefore;
        Premium = r.Inputs.Premium;
        FavouriteGenres = [.. r.Inputs.FavouriteGenres];
        EventTime = r.EventTime;
        PredictedAt = r.PredictedAt;
        return this;
    }

    public PredictionRecord ToRecord() => new(
        Id,
        Enum.Parse<PredictionSource>(Source),
        Model,
        ModelVersion,
        Variant,
        SkipProbability,
        PredictedSkip,
        new PredictionInputs(TrackId, UserId, SessionId, Position, SkipsSoFar, PreviousSkipped, AdvertisementBefore, Premium, FavouriteGenres),
        AsUtc(EventTime),
        AsUtc(PredictedAt),
        Outcome?.ToOutcome(),
        Experiment);

    // Both stores hand dates back in UTC or local kinds depending on settings; the contract is UTC.
    internal static DateTime AsUtc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}

public sealed class OutcomeDocument
{
    public long SessionId { get; set; }
    public long UserId { get; set; }
    public string TrackId { get; set; } = "";
    public bool Skipped { get; set; }
    public bool LikedWhilePlaying { get; set; }
    public double SecondsPlayed { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime ClosedAt { get; set; }
    public string ClosedBy { get; set; } = "";
    public string PlayId { get; set; } = "";

    public static OutcomeDocument From(PlayOutcome o) => new()
    {
        PlayId = o.PlayId,
        SessionId = o.SessionId,
        UserId = o.UserId,
        TrackId = o.TrackId,
        Skipped = o.Skipped,
        LikedWhilePlaying = o.LikedWhilePlaying,
        SecondsPlayed = o.SecondsPlayed,
        StartedAt = o.StartedAt,
        ClosedAt = o.ClosedAt,
        ClosedBy = o.ClosedBy.ToString(),
    };

    public PlayOutcome ToOutcome() => new(PlayId, SessionId, UserId, TrackId, Skipped, LikedWhilePlaying, SecondsPlayed,
        PredictionDocument.AsUtc(StartedAt), PredictionDocument.AsUtc(ClosedAt), Enum.Parse<PlayClosedBy>(ClosedBy));
}
