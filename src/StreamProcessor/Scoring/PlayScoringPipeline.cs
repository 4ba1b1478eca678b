using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Listening.Plays;
using Pozytywka.StreamProcessor.Hints;

namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>
/// The processor's core, free of Kafka: a batch of raw events in arrival order goes through the same
/// <see cref="ListeningTimeline"/> the Trainer replays (one per partition, since a listener's events all live in
/// one partition), every play that starts is scored in one batched call, and the batch's hints, predictions,
/// outcomes and rejected events come out together.
/// </summary>
public sealed class PlayScoringPipeline(Catalog catalog, SkipScorer scorer, CacheDecisionPolicy policy, string variant, TimeProvider? clock = null)
{
    private readonly Dictionary<int, ListeningTimeline> _timelines = [];
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string ModelLabel => $"{scorer.Manifest.Name}@{scorer.Manifest.Version}";

    public BatchEffects Process(IReadOnlyList<IncomingEvent> batch)
    {
        var started = new List<PlayToScore>();
        var outcomes = new List<PlayOutcome>();
        var rejected = new List<Rejected>();
        var transitions = new List<PlayTransition>();
        foreach (var incoming in batch)
        {
            if (!SessionEventParser.TryParse(incoming.Value, out var sessionEvent, out var fault))
            {
                rejected.Add(new Rejected(incoming, fault!.Kind.ToString(), fault.Reason));
                continue;
            }
            TimelineOf(incoming.Partition).Feed(sessionEvent!, transitions);
            foreach (var transition in transitions)
            {
                switch (transition)
                {
                    case PlayToScore toScore:
                        started.Add(toScore);
                        break;
                    case PlayClosed closed:
                        outcomes.Add(closed.Outcome);
                        break;
                    case PlayFault playFault:
                        rejected.Add(new Rejected(incoming, playFault.Kind.ToString(), playFault.Reason));
                        break;
                }
            }
            transitions.Clear();
        }

        var (hints, predictions) = Score(started);
        return new BatchEffects(hints, predictions, outcomes, rejected);
    }

    /// <summary>Ends every open session of the given partitions (all when null): end of input, or partitions handed away.</summary>
    public IReadOnlyList<PlayOutcome> Flush(IEnumerable<int>? partitions = null)
    {
        var transitions = new List<PlayTransition>();
        foreach (var partition in (partitions ?? _timelines.Keys).ToList())
        {
            if (_timelines.Remove(partition, out var timeline))
                timeline.Flush(transitions);
        }
        return transitions.OfType<PlayClosed>().Select(c => c.Outcome).ToList();
    }

    private (List<CacheHint>, List<PredictionRecord>) Score(List<PlayToScore> plays)
    {
        var skipProbabilities = scorer.Score(plays);
        var decidedAt = _clock.GetUtcNow().UtcDateTime;
        var hints = new List<CacheHint>(plays.Count);
        var predictions = new List<PredictionRecord>(plays.Count);
        for (var i = 0; i < plays.Count; i++)
        {
            var play = plays[i].Play;
            var skip = skipProbabilities[i];
            var storageClass = catalog.Storage.GetValueOrDefault(play.TrackId)?.StorageClass;
            hints.Add(new CacheHint(play.PlayId, play.SessionId, play.UserId, play.TrackId, 1 - skip,
                policy.Decide(1 - skip, storageClass), ModelLabel, variant, storageClass, play.StartedAt, decidedAt));
            var inputs = new PredictionInputs(play.TrackId, play.UserId, play.SessionId, play.Position, play.SkipsSoFar, play.PreviousSkipped,
                play.AdvertisementBefore, plays[i].Listener.Premium, catalog.Listeners.GetValueOrDefault(play.UserId)?.FavouriteGenres ?? []);
            predictions.Add(new PredictionRecord(play.PlayId, PredictionSource.Stream, scorer.Manifest.Name, scorer.Manifest.Version, variant,
                skip, skip >= scorer.Manifest.DecisionThreshold, inputs, play.StartedAt, decidedAt, null));
        }
        return (hints, predictions);
    }

    private ListeningTimeline TimelineOf(int partition)
    {
        if (!_timelines.TryGetValue(partition, out var timeline))
        {
            timeline = new ListeningTimeline(catalog);
            _timelines[partition] = timeline;
        }
        return timeline;
    }
}
