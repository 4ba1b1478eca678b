using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Listening.Plays;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.State;

namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>
/// The processor's core, free of Kafka: a batch of raw events in arrival order goes through the same
/// <see cref="ListeningTimeline"/> the Trainer replays (one per partition, since a listener's events all live in
/// one partition), every play that starts is scored in one batched call per variant, and the batch's hints,
/// predictions, outcomes and rejected events come out together. Every effect is a function of the events alone
/// (the decision time is the PLAY record's log timestamp, not the wall clock), so reprocessing events after a
/// crash re-emits identical hints and records. Not thread-safe: one consume loop owns it.
/// </summary>
public sealed class PlayScoringPipeline(Catalog catalog, ScoringExperiment experiment, CacheDecisionPolicy policy, TimeProvider? clock = null,
    int listenerHistory = ListeningTimeline.DefaultListenerHistory, StateLimits? limits = null)
{
    private readonly Dictionary<int, ListeningTimeline> _timelines = [];
    private readonly Dictionary<int, long> _lastArrival = [];
    private readonly Dictionary<int, ModelChoices> _choices = [];
    private readonly Dictionary<int, long> _switchNotBefore = [];
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly List<PlayTransition> _transitions = [];

    public ScoringExperiment Experiment => experiment;

    /// <summary>Events consumed again that a restored state already held (their effects were durable), since this pipeline was made.</summary>
    public long EventsPassedOver { get; private set; }

    /// <summary>Plays whose recorded model version this instance has not loaded, scored with the variant's current one instead.</summary>
    public long RecordedVersionsUnavailable { get; private set; }

    /// <summary>The state of every partition this instance owns, summed.</summary>
    public StateSize StateSize => _timelines.Values.Select(t => t.Size).Aggregate(new StateSize(0, 0, 0, 0, 0, 0), (sum, s) => new StateSize(
        sum.Listeners + s.Listeners, sum.OpenSessions + s.OpenSessions, sum.EndedSessions + s.EndedSessions,
        sum.DroppedListeners + s.DroppedListeners, sum.DroppedEndedSessions + s.DroppedEndedSessions, sum.ExpiredListeners + s.ExpiredListeners));

    public BatchEffects Process(IReadOnlyList<IncomingEvent> batch)
    {
        var switches = RecordSwitches(batch);
        var started = new List<(PlayToScore Play, DateTime DecidedAt, IReadOnlyDictionary<string, string> Labels)>();
        var outcomes = new List<PlayOutcome>();
        var rejected = new List<Rejected>();
        var arrivedAt = _clock.GetTimestamp();
        foreach (var incoming in batch)
        {
            _lastArrival[incoming.Partition] = arrivedAt;
            if (!SessionEventParser.TryParse(incoming.Value, out var sessionEvent, out var fault))
            {
                rejected.Add(new Rejected(incoming, fault!.Kind.ToString(), fault.Reason));
                continue;
            }
            if (!TimelineOf(incoming.Partition).Feed(sessionEvent!, incoming.Offset, _transitions))
                EventsPassedOver++;
            foreach (var transition in _transitions)
            {
                switch (transition)
                {
                    case PlayToScore toScore:
                        started.Add((toScore, incoming.LoggedAt ?? toScore.Play.StartedAt, _choices[incoming.Partition].At(incoming.Offset)));
                        break;
                    case PlayClosed closed:
                        outcomes.Add(closed.Outcome);
                        break;
                    case PlayFault playFault:
                        rejected.Add(new Rejected(incoming, playFault.Kind.ToString(), playFault.Reason, playFault.Event.SessionId));
                        break;
                }
            }
            _transitions.Clear();
        }

        var (hints, predictions) = Score(started);
        return new BatchEffects(hints, predictions, outcomes, rejected, TakeStateChanges(), switches);
    }

    /// <summary>
    /// Where the variants' current model versions differ from those a partition last recorded, a switch from this
    /// batch's first event of the partition on (never before the end the log had when the partition was restored: a
    /// former owner may have scored up to there with the recorded versions).
    /// </summary>
    private List<PartitionModelChoices> RecordSwitches(IReadOnlyList<IncomingEvent> batch)
    {
        var switches = new List<PartitionModelChoices>();
        var current = experiment.CurrentLabels();
        foreach (var first in batch.DistinctBy(e => e.Partition))
        {
            var from = Math.Max(first.Offset, _switchNotBefore.GetValueOrDefault(first.Partition));
            if (_choices.TryGetValue(first.Partition, out var recorded) && ModelChoices.Same(recorded.Latest, current))
                continue;
            var choices = recorded?.Then(from, current) ?? ModelChoices.Starting(0, current);
            _choices[first.Partition] = choices;
            switches.Add(new PartitionModelChoices(first.Partition, choices));
        }
        return switches;
    }

    /// <summary>
    /// Takes over a partition's state from its changelog (a partition just assigned): listeners as the previous
    /// owner left them, each with the offset of the last event applied to it, so the events consumed again from
    /// the committed offset are applied only where they are not part of the state yet; and the model versions the
    /// previous owners recorded, which score every event before <paramref name="sessionsEnd"/> (the log's end when
    /// the partition was claimed). Returns how many listeners did not fit this instance's history size and start afresh.
    /// </summary>
    public int Restore(int partition, IEnumerable<RestoredListener> listeners, IEnumerable<ForgottenListener> forgotten, ModelChoices? models = null,
        long sessionsEnd = 0)
    {
        _timelines.Remove(partition);
        if (models is null)
            _choices.Remove(partition);
        else
            _choices[partition] = models;
        _switchNotBefore[partition] = sessionsEnd;
        return TimelineOf(partition).Restore(listeners, forgotten);
    }

    /// <summary>Drops the state of partitions handed to another consumer, emitting nothing: the new owner carries on.</summary>
    public void Forget(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions)
        {
            _timelines.Remove(partition);
            _lastArrival.Remove(partition);
            _choices.Remove(partition);
            _switchNotBefore.Remove(partition);
        }
    }

    /// <summary>Ends every open session of the given partitions (all when null): the end of a finite input.</summary>
    public IReadOnlyList<PlayOutcome> Flush(IEnumerable<int>? partitions = null)
    {
        foreach (var partition in (partitions ?? _timelines.Keys).ToList())
        {
            _lastArrival.Remove(partition);
            if (_timelines.Remove(partition, out var timeline))
                timeline.Flush(_transitions);
        }
        return TakeOutcomes();
    }

    /// <summary>
    /// Partitions with open sessions from which nothing has arrived for <paramref name="quietFor"/>. Event time moves
    /// only with events, so without an end of their own the last sessions before a lull would stay open until
    /// traffic returns; whether such a partition is really read to its end (and not cut off by a broker outage) is
    /// for the caller to establish before <see cref="CloseQuietSessions"/>.
    /// </summary>
    public IReadOnlyList<int> PartitionsGoneQuiet(TimeSpan quietFor)
    {
        var now = _clock.GetTimestamp();
        return _timelines.Where(t => t.Value.Size.OpenSessions > 0 && _clock.GetElapsedTime(_lastArrival[t.Key], now) >= quietFor)
            .Select(t => t.Key).ToList();
    }

    /// <summary>Ends the open sessions of partitions from which nothing more arrives: their last plays were heard in full.</summary>
    public BatchEffects CloseQuietSessions(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions)
        {
            if (_timelines.TryGetValue(partition, out var timeline))
                timeline.Flush(_transitions);
        }
        return new BatchEffects([], [], TakeOutcomes(), [], TakeStateChanges(), []);
    }

    private List<PartitionStateChanges> TakeStateChanges() =>
        _timelines.Select(t => new PartitionStateChanges(t.Key, t.Value.TakeChanges())).Where(c => c.Changes.Count > 0).ToList();

    private List<PlayOutcome> TakeOutcomes()
    {
        var outcomes = _transitions.OfType<PlayClosed>().Select(c => c.Outcome).ToList();
        _transitions.Clear();
        return outcomes;
    }

    private (List<CacheHint>, List<PredictionRecord>) Score(List<(PlayToScore Play, DateTime DecidedAt, IReadOnlyDictionary<string, string> Labels)> started)
    {
        var plays = started.ConvertAll(s => s.Play);
        var hints = new List<CacheHint>(plays.Count);
        var predictions = new List<PredictionRecord>(plays.Count);
        if (plays.Count == 0)
            return (hints, predictions);
        var variants = plays.Select(p => experiment.For(p.Play.UserId)).ToArray();
        var scorerOf = started.Select((s, i) => ScorerAt(variants[i], s.Labels)).ToArray();
        // The registry loads only bundles this policy has a rule for, so a rule never fails here.
        var rules = scorerOf.Distinct().ToDictionary(s => s, s => policy.RuleFor(s.OperatingPoints, s.SkipTimes, ScoringVariant.Label(s)));
        var skipProbabilities = new double[plays.Count];
        foreach (var group in Enumerable.Range(0, plays.Count).GroupBy(i => scorerOf[i]))
        {
            var indexes = group.ToArray();
            var scores = group.Key.Score(indexes.Select(i => plays[i]).ToList());
            for (var k = 0; k < indexes.Length; k++)
                skipProbabilities[indexes[k]] = scores[k];
        }

        for (var i = 0; i < plays.Count; i++)
        {
            var decidedAt = started[i].DecidedAt;
            var play = plays[i].Play;
            var (variant, skip, scorer) = (variants[i], skipProbabilities[i], scorerOf[i]);
            var storageClass = catalog.Storage.GetValueOrDefault(play.TrackId)?.StorageClass;
            // A track the catalog does not know is scored and recorded like any play (the Trainer keeps such plays,
            // so online and offline evaluation agree), but not hinted: the cache has nothing to fetch for it.
            if (catalog.FindTrack(play.TrackId) is { } track)
            {
                var skipTimes = scorer.SkipTimes!;
                var expectedHeard = ExpectedHeard.Share(1 - skip, plays[i].Listener.SkipTiming, skipTimes);
                hints.Add(new CacheHint(play.PlayId, play.SessionId, play.TrackId, 1 - skip,
                    rules[scorer].Decide(1 - skip, expectedHeard), ScoringVariant.Label(scorer), variant.Name, storageClass, play.StartedAt, decidedAt,
                    rules[scorer].PlanFor(skip, track.DurationSeconds, skipTimes), expectedHeard));
            }
            predictions.Add(PredictionRecords.Create(plays[i], scorer.Manifest, skip, PredictionSource.Stream, variant.Name, experiment.Id, decidedAt,
                play.UserId, play.SessionId, catalog.Listeners.GetValueOrDefault(play.UserId)?.FavouriteGenres ?? []));
        }
        return (hints, predictions);
    }

    /// <summary>The variant's scorer of the recorded version; its current one, counted, when this instance has not loaded that version.</summary>
    private SkipScorer ScorerAt(ScoringVariant variant, IReadOnlyDictionary<string, string> labels)
    {
        if (labels.TryGetValue(variant.Name, out var label) && variant.ScorerOf(label) is { } recorded)
            return recorded;
        RecordedVersionsUnavailable++;
        return variant.Scorer;
    }

    private ListeningTimeline TimelineOf(int partition)
    {
        if (!_timelines.TryGetValue(partition, out var timeline))
        {
            timeline = new ListeningTimeline(catalog, listenerHistory, limits, trackChanges: true);
            _timelines[partition] = timeline;
            _lastArrival[partition] = _clock.GetTimestamp();
        }
        return timeline;
    }
}
