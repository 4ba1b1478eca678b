using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.Listening.Plays;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.State;
using Pozytywka.Contracts.Json;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>
/// The processor's core, free of Kafka: a batch of raw events goes through the same <see cref="ListeningTimeline"/>
/// the Trainer replays (one per partition, since a listener's events all live in one partition; each partition's
/// in log order), every play that starts is scored in one batched call per variant, and the batch's hints,
/// predictions, outcomes and rejected events come out together. Every effect is a function of the events alone
/// (the decision time is the PLAY record's log timestamp, not the wall clock), so reprocessing events after a
/// crash re-emits identical hints and records. It keeps no partition's state: each partition's
/// <see cref="PartitionScoring"/> is made here and held by whoever owns the partition. Not thread-safe: one
/// stream thread uses it.
/// </summary>
public sealed class PlayScoringPipeline(Catalog catalog, ScoringExperiment experiment, CacheDecisionPolicy policy, TimeProvider? clock = null,
    int listenerHistory = ListeningTimeline.DefaultListenerHistory, StateLimits? limits = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly List<PlayTransition> _transitions = [];

    public ScoringExperiment Experiment => experiment;

    /// <summary>Events consumed again that a restored state already held (their effects were durable), since this pipeline was made.</summary>
    public long EventsPassedOver { get; private set; }

    /// <summary>Plays whose recorded model version this instance has not loaded, scored with the variant's current one instead.</summary>
    public long RecordedVersionsUnavailable { get; private set; }

    /// <summary>A partition with nothing behind it: no listeners, no model versions recorded yet.</summary>
    public PartitionScoring NewPartition(int partition) => Restore(partition, [], [], null, 0).State;

    /// <summary>
    /// Takes over a partition's state from its changelog (a partition just assigned): listeners as the previous
    /// owner left them, each with the offset of the last event applied to it, so the events consumed again from
    /// the committed offset are applied only where they are not part of the state yet; and the model versions the
    /// previous owners recorded, which score every event before <paramref name="sessionsEnd"/> (the log's end when
    /// the partition was claimed). Also returns how many listeners did not fit this instance's history size and start afresh.
    /// </summary>
    public (PartitionScoring State, int Unfit) Restore(int partition, IEnumerable<RestoredListener> listeners, IEnumerable<ForgottenListener> forgotten,
        ModelChoices? models, long sessionsEnd)
    {
        var timeline = new ListeningTimeline(catalog, listenerHistory, limits, trackChanges: true);
        var unfit = timeline.Restore(listeners, forgotten);
        return (new PartitionScoring(partition, timeline, models, sessionsEnd, _clock.GetTimestamp()), unfit);
    }

    public BatchEffects Process(IReadOnlyList<PartitionEvents> batch)
    {
        var switches = RecordSwitches(batch);
        var started = new List<(PlayToScore Play, DateTime DecidedAt, IReadOnlyDictionary<string, string> Labels)>();
        var outcomes = new List<PlayOutcome>();
        var rejected = new List<Rejected>();
        var arrivedAt = _clock.GetTimestamp();
        foreach (var (state, events) in batch)
        {
            state.LastArrival = arrivedAt;
            foreach (var incoming in events)
            {
                if (!SessionEventParser.TryParse(incoming.Value, out var sessionEvent, out var fault))
                {
                    rejected.Add(new Rejected(incoming, fault!.Kind.ToString(), fault.Reason));
                    continue;
                }
                if (!state.Timeline.Feed(sessionEvent!, incoming.Offset, _transitions))
                    EventsPassedOver++;
                foreach (var transition in _transitions)
                {
                    switch (transition)
                    {
                        case PlayToScore toScore:
                            started.Add((toScore, incoming.LoggedAt ?? toScore.Play.StartedAt, state.Choices!.At(incoming.Offset)));
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
        }

        var (hints, predictions) = Score(started);
        return new BatchEffects(hints, predictions, outcomes, rejected, TakeStateChanges(batch.Select(b => b.State)), switches);
    }

    /// <summary>
    /// Where the variants' current model versions differ from those a partition last recorded, a switch from this
    /// batch's first event of the partition on (never before the end the log had when the partition was restored: a
    /// former owner may have scored up to there with the recorded versions).
    /// </summary>
    private List<PartitionModelChoices> RecordSwitches(IReadOnlyList<PartitionEvents> batch)
    {
        var switches = new List<PartitionModelChoices>();
        var current = experiment.CurrentLabels();
        foreach (var (state, events) in batch)
        {
            if (events.Count == 0 || (state.Choices is { } recorded && ModelChoices.Same(recorded.Latest, current)))
                continue;
            var from = Math.Max(events[0].Offset, state.SwitchNotBefore);
            state.Choices = state.Choices?.Then(from, current) ?? ModelChoices.Starting(0, current);
            switches.Add(new PartitionModelChoices(state.Partition, state.Choices));
        }
        return switches;
    }

    /// <summary>Ends every open session of the given partitions: the end of a finite input.</summary>
    public IReadOnlyList<PlayOutcome> Flush(IEnumerable<PartitionScoring> partitions)
    {
        foreach (var state in partitions)
            state.Timeline.Flush(_transitions);
        return TakeOutcomes();
    }

    /// <summary>
    /// Whether nothing has arrived in a partition with open sessions for <paramref name="quietFor"/>. Event time moves
    /// only with events, so without an end of their own the last sessions before a lull would stay open until
    /// traffic returns; whether such a partition is really read to its end (and not cut off by a broker outage) is
    /// for the caller to establish before <see cref="CloseQuietSessions"/>.
    /// </summary>
    public bool GoneQuiet(PartitionScoring state, TimeSpan quietFor) =>
        state.Timeline.Size.OpenSessions > 0 && _clock.GetElapsedTime(state.LastArrival) >= quietFor;

    /// <summary>Ends the open sessions of partitions from which nothing more arrives: their last plays were heard in full.</summary>
    public BatchEffects CloseQuietSessions(IReadOnlyList<PartitionScoring> partitions) =>
        new([], [], Flush(partitions), [], TakeStateChanges(partitions), []);

    private static List<PartitionStateChanges> TakeStateChanges(IEnumerable<PartitionScoring> partitions) =>
        partitions.Select(p => new PartitionStateChanges(p.Partition, p.Timeline.TakeChanges())).Where(c => c.Changes.Count > 0).ToList();

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
}
