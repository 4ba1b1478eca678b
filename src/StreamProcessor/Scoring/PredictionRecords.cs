using Pozytywka.Contracts;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;

namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>How a scored play becomes the record online evaluation keeps, the same for the stream and the HTTP API.</summary>
public static class PredictionRecords
{
    /// <param name="userId">The listener as the source knows it: an HTTP request may name none.</param>
    /// <param name="sessionId">The session as the source knows it: an HTTP request may name none.</param>
    /// <param name="favouriteGenres">The genres the features were computed with.</param>
    public static PredictionRecord Create(PlayToScore scored, BundleManifest model, double skipProbability, PredictionSource source,
        string variant, string? experiment, DateTime predictedAt, long? userId, long? sessionId, IReadOnlyList<string> favouriteGenres)
    {
        var play = scored.Play;
        var inputs = new PredictionInputs(play.TrackId, userId, sessionId, play.Position, play.SkipsSoFar, play.PreviousSkipped,
            play.AdvertisementBefore, scored.Listener.Premium, favouriteGenres);
        return new PredictionRecord(play.PlayId, source, model.Name, model.Version, variant, skipProbability,
            skipProbability >= model.DecisionThreshold, inputs, play.StartedAt, predictedAt, null, experiment);
    }
}
