namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// A request to score one play. Only <c>track_id</c> is required; the original service's body
/// (<c>{"track_id": "...", "favourite_genres": [...]}</c>) is a valid request. Session context defaults to a
/// listener's first play of a session with no skips and no advertisement.
/// </summary>
public sealed class PredictionRequest
{
    public string? TrackId { get; set; }
    public long? UserId { get; set; }
    public long? SessionId { get; set; }
    public List<string>? FavouriteGenres { get; set; }
    public int? Position { get; set; }
    public int? SkipsSoFar { get; set; }
    public bool? PreviousSkipped { get; set; }
    public bool? AdvertisementBefore { get; set; }
    public bool? Premium { get; set; }

    /// <summary>Field errors as RFC 7807 validation problems report them; empty when the request is usable.</summary>
    public Dictionary<string, string[]> Validate(ApiOptions options, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[prefix + field] = [message];
        if (string.IsNullOrWhiteSpace(TrackId))
            Add("track_id", "track_id is required");
        if (UserId is < 0)
            Add("user_id", "user_id cannot be negative");
        if (SessionId is < 0)
            Add("session_id", "session_id cannot be negative");
        if (Position is < 1)
            Add("position", "position counts from 1");
        if (SkipsSoFar is < 0)
            Add("skips_so_far", "skips_so_far cannot be negative");
        if (SkipsSoFar is { } skips && skips >= (Position ?? 1))
            Add("skips_so_far", "skips_so_far must be below position (only earlier plays can have been skipped)");
        if (FavouriteGenres is { } genres)
        {
            if (genres.Count > options.MaxFavouriteGenres)
                Add("favourite_genres", $"at most {options.MaxFavouriteGenres} genres");
            else if (genres.Any(g => string.IsNullOrWhiteSpace(g) || g.Length > 100))
                Add("favourite_genres", "genres must be non-empty and at most 100 characters");
        }
        return errors;
    }
}

public sealed class BatchPredictionRequest
{
    /// <summary>A model name (its champion) or name@version; the advanced champion when absent.</summary>
    public string? Model { get; set; }
    public List<PredictionRequest?>? Items { get; set; }
}

public sealed class OutcomeReport
{
    public string? PredictionId { get; set; }
    public bool? Skipped { get; set; }
    public double? SecondsPlayed { get; set; }
}

public sealed class PromotionRequest
{
    public string? Version { get; set; }
}
