using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>
/// Predicted against actual skips as they happen, per model version and variant, without reading the store:
/// every prediction this process makes and every outcome that closes one update <see cref="RunningQuality"/>
/// figures, so a report or a scrape costs O(variants). Predictions wait here for their outcome; at most
/// <see cref="MaxOpenPredictions"/> do (the oldest are forgotten first). Figures start with the process: plays
/// scored before it started are in the store, which <see cref="OnlineEvaluator"/> reads for a time window. A hint
/// seen with its prediction is priced when the outcome closes the play (<see cref="HintBytes"/>), given the catalog's
/// track lengths (<paramref name="tracks"/>; the HTTP-only role has no hints).
/// </summary>
public sealed class LiveEvaluation(TimeProvider clock, TrackBytes? tracks = null)
{
    public const int MaxOpenPredictions = 1_000_000;

    private readonly Lock _gate = new();
    private readonly RunningQualities _qualities = new();
    private readonly Dictionary<string, OpenPrediction> _open = new(StringComparer.Ordinal);
    private Queue<string> _openOrder = new();

    public void Observe(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, IReadOnlyCollection<CacheHint>? hints = null)
    {
        lock (_gate)
        {
            foreach (var prediction in predictions)
            {
                var quality = _qualities.For(prediction.Model, prediction.ModelVersion, prediction.Variant);
                quality.AddPrediction(prediction.SkipProbability, prediction.PredictedSkip);
                if (prediction.Outcome is { } known)
                    quality.AddOutcome(prediction.SkipProbability, prediction.PredictedSkip, known.Skipped);
                else
                    Open(prediction.PredictionId, new OpenPrediction(quality, prediction.SkipProbability, prediction.PredictedSkip));
            }
            foreach (var hint in hints ?? [])
            {
                if (tracks?.SecondsOf(hint.TrackId) is { } seconds && _open.TryGetValue(hint.PlayId, out var open))
                    _open[hint.PlayId] = open with { Prefetched = hint.Decision == CacheDecision.Prefetch, TrackSeconds = seconds };
            }
            foreach (var outcome in outcomes)
            {
                if (!_open.Remove(outcome.PlayId, out var open))
                    continue;
                open.Quality.AddOutcome(open.SkipProbability, open.PredictedSkip, outcome.Skipped);
                if (open is { Prefetched: { } prefetched, TrackSeconds: var trackSeconds })
                {
                    var heard = HeardSeconds.Of(outcome.Skipped, outcome.SecondsPlayed, trackSeconds);
                    open.Quality.AddHintedOutcome(prefetched, tracks!.Of(trackSeconds), tracks.Of(heard));
                }
            }
        }
    }

    public OnlineMetricsReport Report(string? model = null, string? version = null)
    {
        lock (_gate)
            return new OnlineMetricsReport(clock.GetUtcNow().UtcDateTime, _qualities.Read(model, version));
    }

    private void Open(string predictionId, OpenPrediction open)
    {
        while (_open.Count >= MaxOpenPredictions && _openOrder.TryDequeue(out var oldest))
            _open.Remove(oldest);
        _open[predictionId] = open;
        _openOrder.Enqueue(predictionId);
        // Closed predictions leave their id in the queue; drop those once they outnumber the open ones.
        if (_openOrder.Count > 2 * Math.Max(_open.Count, 1_000))
            _openOrder = new Queue<string>(_openOrder.Where(_open.ContainsKey));
    }

    /// <param name="Prefetched">Whether its hint said PREFETCH; null while no hint is known for the play.</param>
    private sealed record OpenPrediction(RunningQuality Quality, double SkipProbability, bool PredictedSkip, bool? Prefetched = null, double TrackSeconds = 0);
}
