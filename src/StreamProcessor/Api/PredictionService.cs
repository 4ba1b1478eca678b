using System.Diagnostics;
using Pozytywka.Contracts;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>A variant's part in a prediction: which arm of which experiment, and how the listener was assigned.</summary>
public sealed record VariantAssignment(string Experiment, string Variant, string Unit);

/// <summary>
/// Scores HTTP requests with the same features and scorer as the stream (concurrent requests share a forward pass,
/// see <see cref="DynamicBatcher"/>), and records every prediction on the
/// predictions topic (acknowledged by the broker; the outcome sink stores it) before answering. A request
/// carries no listening history, so history features start from zero; premium comes from the request, else
/// from the catalog.
/// </summary>
public sealed class PredictionService(Listening.Catalog.Catalog catalog, PredictionLog log, DynamicBatcher batcher, RecentPredictions recent, LiveEvaluation live,
    StreamMetrics metrics, TimeProvider clock)
{
    /// <summary>The track ids the catalog does not know, in request order.</summary>
    public IReadOnlyList<string> UnknownTracks(IEnumerable<PredictionRequest> requests) =>
        requests.Select(r => r.TrackId!).Where(id => catalog.FindTrack(id) is null).Distinct().ToList();

    public async Task<IReadOnlyList<PredictionResponse>> PredictAsync(LoadedModel model, IReadOnlyList<PredictionRequest> requests,
        VariantAssignment? assignment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scoring = Stopwatch.StartNew();
        var plays = requests.Select(r => ToPlay(r, $"http-{Guid.NewGuid():N}", now)).ToList();
        var probabilities = await batcher.ScoreAsync(model.Scorer, plays, requests.Select(r => (IReadOnlyList<string>?)r.FavouriteGenres).ToList());
        metrics.HttpPredictionSeconds.WithLabels("score").Observe(scoring.Elapsed.TotalSeconds);

        var records = plays.Select((play, i) => PredictionRecords.Create(play, model.Scorer.Manifest, probabilities[i], PredictionSource.Http,
            assignment?.Variant ?? "", assignment?.Experiment, now, requests[i].UserId, requests[i].SessionId,
            requests[i].FavouriteGenres ?? catalog.Listeners.GetValueOrDefault(play.Play.UserId)?.FavouriteGenres ?? [])).ToList();
        var logging = Stopwatch.StartNew();
        await log.RecordAsync(records.Select(PredictionLogEntry.Of), cancellationToken);
        metrics.HttpPredictionSeconds.WithLabels("log").Observe(logging.Elapsed.TotalSeconds);
        recent.Remember(records);
        live.Observe(records, []);
        return records.Select(r => new PredictionResponse(r.PredictionId, r.SkipProbability, r.PredictedSkip, r.Model, r.ModelVersion,
            assignment?.Variant, assignment?.Unit)).ToList();
    }

    private PlayToScore ToPlay(PredictionRequest request, string predictionId, DateTime now)
    {
        var userId = request.UserId ?? 0;
        var premium = request.Premium ?? catalog.Listeners.GetValueOrDefault(userId)?.Premium ?? false;
        var play = new PlayContext(predictionId, request.SessionId ?? 0, userId, request.TrackId!, now, request.Position ?? 1,
            request.SkipsSoFar ?? 0, request.PreviousSkipped ?? false, request.AdvertisementBefore ?? false, 0, 0);
        return new PlayToScore(play, ListenerSnapshot.Unknown(premium));
    }
}
