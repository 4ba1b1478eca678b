using System.Text.Json;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Evaluation;
using Pozytywka.Trainer.Simulation.EdgeCache;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// Replays an export through the same timeline and bundle the processor uses and prices its decisions two ways:
/// whole-track prefetch at PLAY (the real outcome decides what is heard: to the SKIP, or the whole track), and
/// buffer depth under a network model (fixed look-ahead buffers against the model's prefetch plans). Audio is a
/// constant bitrate and storage cost comes from track_storage. Thresholds and plans are chosen on the training
/// period's out-of-fold plays, scored by networks that had not learned from them (<see cref="OutOfFoldScores"/>), and
/// reported on the temporal test period only.
/// </summary>
public static class CacheSimulation
{
    public const string WasteVsUsefulPng = "waste_vs_useful.png";
    public const string WasteVsStallPng = "waste_vs_stall.png";
    public const string EdgeCacheStallVsOriginPng = "edge_cache_stall_vs_origin.png";

    public static readonly double[] UsefulShareTargets = [0.95, 0.90];

    /// <summary>The processor's default hint options: thresholds per storage class and the configured plan.</summary>
    private static readonly CacheHintOptions HintOptions = new();

    public static CacheSimulationReport Run(string dataDirectory, string modelsDirectory, CacheSimulationSettings settings, string output, IProgress<string>? steps = null)
    {
        var export = new ExportDirectory(dataDirectory);
        var faults = new FaultLog();
        steps?.Report("loading catalog and replaying sessions");
        var catalog = CatalogLoader.Load(export, faults);
        var bundle = BundleLocator.Resolve(modelsDirectory, settings.Model);
        using var scorer = ModelBundle.Load(bundle, catalog);
        var outOfFold = OutOfFoldScores.Read(bundle).Plays.ToDictionary(p => p.PlayId, p => p.SkipProbability);
        var split = DatasetSplit.Temporal(PlayDataset.Replay(export, catalog, faults, scorer.Spec.ListenerHistory));
        var skipTimes = scorer.SkipTimes ?? SkipTimes.Learn(catalog, split.Training);
        var tuningPlays = split.Training.Where(p => outOfFold.ContainsKey(p.Input.Play.PlayId)).ToList();
        var training = CachePlays(tuningPlays, tuningPlays.Select(p => outOfFold[p.Input.Play.PlayId]).ToList(), catalog, skipTimes, settings.BytesPerSecond);
        var test = CachePlays(split.Test, scorer.Score(split.Test.Select(p => p.Input).ToList()), catalog, skipTimes, settings.BytesPerSecond);

        steps?.Report("whole-track prefetch");
        const PrefetchRanking ranking = PrefetchRanking.ExpectedHeardShare;
        var trainingCurve = WholeTrackPrefetch.Curve(training, ranking);
        var curve = WholeTrackPrefetch.Curve(test, ranking);
        var byCompletion = WholeTrackPrefetch.Curve(test, PrefetchRanking.CompletionProbability);
        var boundCurve = WholeTrackPrefetch.Curve(test, PrefetchRanking.KnownHeardShare);
        var bound = new RankingCuts(PrefetchRanking.KnownHeardShare, WholeTrackPrefetch.WasteCutInterpolated(boundCurve, 0.95),
            WholeTrackPrefetch.WasteCutInterpolated(boundCurve, 0.90));
        var always = WholeTrackPrefetch.Totals(test);
        var tuned = UsefulShareTargets.Select(target =>
        {
            var threshold = WholeTrackPrefetch.ThresholdKeeping(trainingCurve, target);
            var totals = WholeTrackPrefetch.Apply(test, ranking, threshold);
            return new TunedPrefetch(target, threshold, WholeTrackPrefetch.Share(totals.UsefulBytes, always.UsefulBytes),
                1 - WholeTrackPrefetch.Share(totals.WastedBytes, always.WastedBytes), totals);
        }).ToList();
        var policy = new CacheDecisionPolicy(HintOptions);
        var hinted = WholeTrackPrefetch.Hinted(test, policy);
        var hintPolicy = new HintPolicyPrefetch(WholeTrackPrefetch.Share(hinted.UsefulBytes, always.UsefulBytes),
            1 - WholeTrackPrefetch.Share(hinted.WastedBytes, always.WastedBytes), hinted);
        var bySegment = PlaySegments.Group(test).Select(g =>
        {
            var plays = g.Indexes.Select(i => test[i]).ToList();
            var (all, kept) = (WholeTrackPrefetch.Totals(plays), WholeTrackPrefetch.Apply(plays, ranking, tuned[0].Threshold));
            return new SegmentPrefetch(g.Segment.Dimension, g.Segment.Segment, plays.Count, all, kept,
                WholeTrackPrefetch.Share(kept.UsefulBytes, all.UsefulBytes), 1 - WholeTrackPrefetch.Share(kept.WastedBytes, all.WastedBytes));
        }).ToList();

        var bufferDepth = BufferDepthSimulation.Simulate(training, test, skipTimes, settings.Network, settings.Player, policy, HintOptions.Plan, steps);

        // The training period only warms the edge, on demand for every policy, so its plays need no scores.
        var warmUp = CachePlays(split.Training, [.. split.Training.Select(_ => double.NaN)], catalog, skipTimes, settings.BytesPerSecond);
        var hintPoint = new HintPoint(tuned[0].Threshold, HintOptions.EvictBelow);
        var edgeCache = EdgeCacheReplay.Run(warmUp, test, hintPoint, settings.EdgeCache, settings.Network, steps: steps);
        steps?.Report("edge cache: sensitivity to the slow origin's first byte and the segment length");
        var sensitivity = EdgeCacheSensitivity.Of(warmUp, test, hintPoint, settings.EdgeCache, settings.Network);

        var headline = Cuts(ranking, curve);
        var report = new CacheSimulationReport(scorer.Manifest.Name, scorer.Manifest.Version, settings.BytesPerSecond, training.Count, test.Count,
            always, headline.WasteCutAt95PctUseful, headline.WasteCutAt90PctUseful, headline.Ranking,
            Cuts(PrefetchRanking.CompletionProbability, byCompletion), bound, RandomOrderClassifier.Cuts(test),
            tuned, hintPolicy, bySegment, Thin(curve, 400), bufferDepth, edgeCache.Rows, edgeCache.Assumptions, sensitivity);

        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "simulation.json"), JsonSerializer.Serialize(report, SimulationJsonContext.Default.CacheSimulationReport));
        EvaluationPlots.WasteVsUseful(Path.Combine(output, WasteVsUsefulPng), [("prefetch in order of expected heard share (the hints' ranking)", curve),
                ("prefetch in order of completion probability alone", byCompletion)],
            tuned.Select(t => ($"threshold {t.Threshold:0.000} tuned out of fold for {t.UsefulShareTarget:P0} useful", t.UsefulShare, 1 - t.WasteCut))
                .Append(("today's hint policy (PREFETCH hints, thresholds per storage class)", hintPolicy.UsefulShare, 1 - hintPolicy.WasteCut)).ToList(),
            $"{report.Model}@{report.Version}: whole-track prefetch, temporal test period");
        EvaluationPlots.WasteVsStall(Path.Combine(output, WasteVsStallPng), bufferDepth,
            $"{report.Model}@{report.Version}: buffer depth under outages, temporal test period");
        EvaluationPlots.EdgeCacheStallVsOrigin(Path.Combine(output, EdgeCacheStallVsOriginPng), edgeCache.Rows,
            $"{report.Model}@{report.Version}: edge cache, temporal test period");
        return report;
    }

    private static RankingCuts Cuts(PrefetchRanking ranking, IReadOnlyList<CurvePoint> curve) =>
        new(ranking, WholeTrackPrefetch.WasteCutKeeping(curve, 0.95), WholeTrackPrefetch.WasteCutKeeping(curve, 0.90));

    public static CacheSimulationReport Read(string simulationJson) =>
        JsonSerializer.Deserialize(File.ReadAllText(simulationJson), SimulationJsonContext.Default.CacheSimulationReport)
        ?? throw new InvalidDataException($"{simulationJson} is empty");

    /// <summary>The plays of tracks of known duration, each with its skip probability from <paramref name="skipProbabilities"/>.</summary>
    private static List<CachePlay> CachePlays(IReadOnlyList<LabeledPlay> plays, IReadOnlyList<double> skipProbabilities, Catalog catalog,
        SkipTimeCurve skipTimes, double bytesPerSecond)
    {
        return plays.Select((p, i) => (p, Skip: skipProbabilities[i])).Where(k => catalog.FindTrack(k.p.Input.Play.TrackId)?.DurationSeconds is > 0).Select(k =>
        {
            var (p, skip) = k;
            var duration = catalog.FindTrack(p.Input.Play.TrackId)!.DurationSeconds!.Value;
            var storage = catalog.Storage.GetValueOrDefault(p.Input.Play.TrackId);
            var heard = p.Skipped ? Math.Clamp(p.SecondsPlayed, 0, duration) : duration;
            return new CachePlay(p.Input.Play.PlayId, storage?.StorageClass, storage is { DailyCost: var cost } && double.IsFinite(cost) ? cost : 0,
                duration, heard, 1 - skip, ExpectedHeard.Share(1 - skip, p.Input.Listener.SkipTiming, skipTimes), bytesPerSecond,
                p.Input.Play.Position, p.Input.Listener.PlaysBefore, p.Input.Play.TrackId, p.Input.Play.StartedAt);
        }).ToList();
    }

    /// <summary>At most about <paramref name="points"/> points for the JSON; the first and last are kept.</summary>
    private static List<CurvePoint> Thin(IReadOnlyList<CurvePoint> curve, int points)
    {
        var step = Math.Max(1, curve.Count / points);
        return curve.Where((_, i) => i % step == 0 || i == curve.Count - 1).ToList();
    }
}
