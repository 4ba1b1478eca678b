using Microsoft.Extensions.Logging.Abstractions;
using Pozytywka.Contracts;
using Pozytywka.Listening.Model;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.Listening.Hints;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.State;
using Pozytywka.Contracts.Json;
using Pozytywka.StreamProcessor.Diagnostics;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Train/serve parity: the processor's core, fed the export's raw lines, agrees with the Trainer.</summary>
[Collection(TrainedExportGroup.Name)]
public class PlayScoringPipelineTests(TrainedExport export)
{
    private const int Partitions = 4;

    [Fact]
    public void Online_accuracy_equals_the_trainers_offline_accuracy_on_the_same_plays()
    {
        using var scorer = ModelBundle.Load(export.BundleDirectory, export.Catalog);
        var pipeline = new ScoredPartitions(new PlayScoringPipeline(export.Catalog, new ScoringExperiment("parity", [new ScoringVariant("A", scorer, 1)]),
            new CacheDecisionPolicy(new CacheHintOptions())));

        var incoming = export.Lines.Select(ToIncoming).ToList();
        var effects = incoming.Chunk(500).Select(pipeline.Process).ToList();
        var outcomes = effects.SelectMany(e => e.Outcomes).Concat(pipeline.Flush()).ToDictionary(o => o.PlayId);
        var predictions = effects.SelectMany(e => e.Predictions).ToDictionary(p => p.PredictionId);
        var hints = effects.SelectMany(e => e.Hints).ToList();

        Assert.Equal(export.PlayCount, hints.Count);
        Assert.Equal(export.PlayCount, predictions.Count);
        Assert.Equal(predictions.Keys.Order(), outcomes.Keys.Order());
        Assert.NotEmpty(effects.SelectMany(e => e.Rejected));

        var online = export.TestPlayIds.Average(id => predictions[id].PredictedSkip == outcomes[id].Skipped ? 1.0 : 0.0);
        Assert.Equal(export.OfflineTestAccuracy, online, 12);
    }

    [Fact]
    public void State_restored_from_the_changelog_scores_the_rest_exactly_as_an_uninterrupted_run()
    {
        using var scorer = ModelBundle.Load(export.BundleDirectory, export.Catalog);
        var (incoming, cut) = CutAfterAPlay();
        var uninterrupted = NewPipeline(scorer);
        var changelog = Changelog(incoming[..cut].Chunk(500).Select(uninterrupted.Process));
        var expected = uninterrupted.Process(incoming[cut..]);

        var successor = NewPipeline(scorer);
        foreach (var (partition, contents) in changelog)
            Assert.Equal(0, successor.Restore(partition, contents));
        var actual = successor.Process(incoming[cut..]);

        AssertSameEffects(expected, actual);
        // Only a restored state can close a play that started before the cut.
        Assert.Contains(actual.Outcomes, o => actual.Predictions.All(p => p.PredictionId != o.PlayId));
    }

    [Fact]
    public void Events_consumed_again_after_a_changelog_that_ran_ahead_of_the_commit_are_applied_once()
    {
        // The changelog was written up to `ahead`, but the offsets only committed up to `cut` (a crash in between):
        // the events in between are consumed again, and their effects are already durable.
        using var scorer = ModelBundle.Load(export.BundleDirectory, export.Catalog);
        var (incoming, cut) = CutAfterAPlay();
        var ahead = cut + 700;
        var uninterrupted = NewPipeline(scorer);
        var changelog = Changelog([uninterrupted.Process(incoming[..cut]), uninterrupted.Process(incoming[cut..ahead])]);
        var expected = uninterrupted.Process(incoming[ahead..]);

        var successor = NewPipeline(scorer);
        foreach (var (partition, contents) in changelog)
            successor.Restore(partition, contents);
        var again = successor.Process(incoming[cut..ahead]);
        var actual = successor.Process(incoming[ahead..]);

        Assert.Empty(again.Hints);
        Assert.Empty(again.Outcomes);
        Assert.Equal(incoming[cut..ahead].Count(e => SessionEventParser.TryParse(e.Value, out _, out _)), successor.Pipeline.EventsPassedOver);
        AssertSameEffects(expected, actual);
    }

    private ScoredPartitions NewPipeline(SkipScorer scorer) =>
        new(new PlayScoringPipeline(export.Catalog, new ScoringExperiment("restore", [new ScoringVariant("A", scorer, 1)]), new CacheDecisionPolicy(new CacheHintOptions())));

    private (List<IncomingEvent> Incoming, int Cut) CutAfterAPlay()
    {
        var incoming = export.Lines.Select(ToIncoming).ToList();
        // Cut right after a PLAY, so that play starts before the cut and ends after it.
        var cut = Enumerable.Range(incoming.Count / 2, incoming.Count / 2)
            .First(i => SessionEventParser.TryParse(incoming[i - 1].Value, out var e, out _) && e!.Type == SessionEventType.Play);
        return (incoming, cut);
    }

    private static Dictionary<int, ChangelogContents> Changelog(IEnumerable<BatchEffects> batches) =>
        CompactedChangelog.Contents(batches.SelectMany(b => b.StateChanges));

    private static void AssertSameEffects(BatchEffects expected, BatchEffects actual)
    {
        Assert.Equal(expected.Predictions.Select(p => (p.PredictionId, p.SkipProbability)), actual.Predictions.Select(p => (p.PredictionId, p.SkipProbability)));
        Assert.Equal(expected.Hints.Select(h => CacheHintMessages.Create(h).Value), actual.Hints.Select(h => CacheHintMessages.Create(h).Value));
        Assert.Equal(expected.Outcomes, actual.Outcomes);
    }

    [Fact]
    public void A_variant_scores_each_batch_with_the_model_current_at_that_batch()
    {
        using var advanced = ModelBundle.Load(export.BundleDirectory, export.Catalog);
        using var simple = ModelBundle.Load(export.SimpleBundleDirectory, export.Catalog);
        var current = advanced;
        var pipeline = new ScoredPartitions(new PlayScoringPipeline(export.Catalog, new ScoringExperiment("rollout", [new ScoringVariant("A", () => current, 1)]),
            new CacheDecisionPolicy(new CacheHintOptions())));
        var incoming = export.Lines.Select(ToIncoming).ToList();

        var before = pipeline.Process(incoming[..1_000]);
        current = simple;
        var after = pipeline.Process(incoming[1_000..2_000]);

        Assert.NotEmpty(before.Hints);
        Assert.NotEmpty(after.Hints);
        Assert.All(before.Hints, h => Assert.Equal("advanced@v1", h.ModelLabel));
        Assert.All(after.Hints, h => Assert.Equal("simple@v1", h.ModelLabel));
        Assert.All(after.Predictions, p => Assert.Equal("simple", p.Model));
    }

    [Fact]
    public void A_play_of_a_track_the_catalog_does_not_know_is_scored_and_recorded_but_not_hinted()
    {
        using var scorer = ModelBundle.Load(export.BundleDirectory, export.Catalog);
        var pipeline = new ScoredPartitions(new PlayScoringPipeline(export.Catalog, new ScoringExperiment("unknown", [new ScoringVariant("A", scorer, 1)]),
            new CacheDecisionPolicy(new CacheHintOptions())));
        var known = export.Catalog.Tracks.Keys.Order(StringComparer.Ordinal).First();
        var user = export.Catalog.Listeners.Keys.First();
        string Event(string time, string track, string type) =>
            $$"""{"timestamp": "2024-05-01T10:{{time}}", "user_id": {{user}}, "track_id": "{{track}}", "event_type": "{{type}}", "session_id": 987654}""";

        var effects = pipeline.Process(new[]
        {
            Event("00:00", "trackNobodyKnows", "PLAY"),
            Event("01:00", "trackNobodyKnows", "SKIP"),
            Event("01:00", known, "PLAY"),
        }.Select((line, i) => ToIncoming(System.Text.Encoding.UTF8.GetBytes(line), i)).ToList());

        Assert.Equal(["trackNobodyKnows", known], effects.Predictions.Select(p => p.Inputs.TrackId));
        Assert.Equal([known], effects.Hints.Select(h => h.TrackId));
        Assert.Equal(["trackNobodyKnows"], effects.Outcomes.Select(o => effects.Predictions.Single(p => p.PredictionId == o.PlayId).Inputs.TrackId));
        Assert.Empty(effects.Rejected);
    }

    [Fact]
    public void Hints_carry_the_prefetch_plan_and_expected_heard_share_of_the_bundles_skip_time_curve_and_a_bundle_without_one_is_not_loaded()
    {
        var policy = new CacheDecisionPolicy(new CacheHintOptions());
        using var scorer = ModelBundle.Load(export.BundleDirectory, export.Catalog);
        Assert.NotNull(scorer.SkipTimes);
        var hints = new ScoredPartitions(new PlayScoringPipeline(export.Catalog, new ScoringExperiment("plans", [new ScoringVariant("A", scorer, 1)]), policy))
            .Process(export.Lines.Take(3000).Select(ToIncoming).ToList()).Hints;

        Assert.NotEmpty(hints);
        Assert.All(hints, h =>
        {
            Assert.Equal(PrefetchPlan.CurrentVersion, h.Plan!.Version);
            Assert.Equal(policy.RuleFor(scorer.OperatingPoints, scorer.SkipTimes, "advanced@v1")
                .PlanFor(1 - h.CompletionProbability, export.Catalog.FindTrack(h.TrackId)!.DurationSeconds, scorer.SkipTimes!), h.Plan);
        });
        Assert.True(hints.Select(h => h.Plan!.Steps.Count).Distinct().Count() > 1, "plans follow the skip probability");

        // The expected heard share comes from the same listener snapshot as the features: replayed here per partition.
        var timelines = new Dictionary<int, Pozytywka.Listening.Features.ListeningTimeline>();
        var snapshots = new Dictionary<string, Pozytywka.Listening.Features.ListenerSnapshot>();
        foreach (var incoming in export.Lines.Take(3000).Select(ToIncoming))
        {
            if (!SessionEventParser.TryParse(incoming.Value, out var parsed, out _))
                continue;
            var output = new List<Pozytywka.Listening.Plays.PlayTransition>();
            if (!timelines.TryGetValue(incoming.Partition, out var timeline))
                timelines[incoming.Partition] = timeline = new Pozytywka.Listening.Features.ListeningTimeline(export.Catalog);
            timeline.Feed(parsed!, incoming.Offset, output);
            foreach (var started in output.OfType<Pozytywka.Listening.Features.PlayToScore>())
                snapshots[started.Play.PlayId] = started.Listener;
        }
        Assert.All(hints, h => Assert.Equal(ExpectedHeard.Share(h.CompletionProbability, snapshots[h.PlayId].SkipTiming, scorer.SkipTimes), h.ExpectedHeardShare!.Value, 12));
        Assert.Contains(hints, h => snapshots[h.PlayId].SkipTiming.Skips > 0);

        // Bundles from before skip times and operating points: without a rule for them the registry does not load them.
        var models = TestDirectories.New("older-bundles");
        foreach (var (version, left) in new[] { ("no-curve", SkipTimeCurve.BundleFile), ("no-points", HintOperatingPoints.BundleFile) })
        {
            var copy = Path.Combine(models, "advanced", version);
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(export.BundleDirectory).Where(f => Path.GetFileName(f) != left))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            File.WriteAllText(Path.Combine(copy, ModelBundle.ManifestFile),
                File.ReadAllText(Path.Combine(copy, ModelBundle.ManifestFile)).Replace("\"version\": \"v1\"", $"\"version\": \"{version}\"", StringComparison.Ordinal));
        }
        var errors = new StreamMetrics().ErrorsHandled;
        using (var registry = new ModelRegistry(models, export.Catalog, TorchSharp.torch.CPU, TimeProvider.System, NullLogger<ModelRegistry>.Instance, errors, policy))
            Assert.Empty(registry.Current.ByLabel);
        Assert.Equal(2, errors.WithLabels("model_rejected").Value);
        var overridden = new CacheDecisionPolicy(new CacheHintOptions { WholeTrackAtOrAbove = 0.7 });
        using (var registry = new ModelRegistry(models, export.Catalog, TorchSharp.torch.CPU, TimeProvider.System, NullLogger<ModelRegistry>.Instance, errors, overridden))
            Assert.Equal(["advanced@no-points"], registry.Current.ByLabel.Keys);
    }

    private static IncomingEvent ToIncoming(byte[] value, int index)
    {
        var partition = SessionEventParser.TryParse(value, out var parsed, out _) ? (int)(parsed!.UserId % Partitions) : 0;
        return new IncomingEvent(null, value, "sessions", partition, index);
    }
}
