using System.Text.Json;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Simulation.EdgeCache;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// Replays an export through the same timeline and bundle the processor uses and prices its decisions two ways:
/// whole-track prefetch at PLAY (the real outcome decides what is heard: to the SKIP, or the whole track), and
/// buffer depth under a network model (fixed look-ahead buffers against the model's prefetch plans), and a replayed
/// edge cache. Audio is a constant bitrate and storage cost comes from track_storage. Thresholds are the bundle's
/// operating points and plans are chosen on the training period's out-of-fold plays, scored by networks that had not
/// learned from them (<see cref="OutOfFoldScores"/>), and reported on the temporal test period only. The hints as the
/// processor is configured (<see cref="DeployedHintOptions"/>) are priced on the test period and on every play, and
/// each play's decision is written to <see cref="HintDecisionsFile"/>.
/// </summary>
public static class CacheSimulation
{
    public const string WasteVsUsefulPng = "waste_vs_useful.png";
    public const string WasteVsStallPng = "waste_vs_stall.png";
    public const string EdgeCacheStallVsOriginPng = "edge_cache_stall_vs_origin.png";

    public static readonly double[] UsefulShareTargets = [0.95, 0.90];

    public static CacheSimulationReport Run(string dataDirectory, string modelsDirectory, CacheSimulationSettings settings, string output, IProgress<string>? steps = null)
    {
        var export = new ExportDirectory(dataDirectory);
        var faults = new FaultLog();
        steps?.Report("loading catalog and replaying sessions");
        var catalog = CatalogLoader.Load(export, faults);
        var bundle = BundleLocator.Resolve(modelsDirectory, settings.Model);
        using var scorer = ModelBundle.Load(bundle, catalog);
        var policy = new CacheDecisionPolicy(settings.HintOptions);
        var rule = policy.RuleFor(scorer.OperatingPoints, scorer.SkipTimes, bundle);
        var skipTimes = scorer.SkipTimes!;
        var split = DatasetSplit.Temporal(PlayDataset.Replay(export, catalog, faults, scorer.Spec.ListenerHistory));
        var training = CachePlays.OutOfFold(split.Training, OutOfFoldScores.Read(bundle), catalog, skipTimes, settings.BytesPerSecond);
        var trainingScored = CachePlays.Of(split.Training, scorer.Score(split.Training.Select(p => p.Input).ToList()), catalog, skipTimes, settings.BytesPerSecond);
        var test = CachePlays.Of(split.Test, scorer.Score(split.Test.Select(p => p.Input).ToList()), catalog, skipTimes, settings.BytesPerSecond);

        steps?.Report("whole-track prefetch");
        const PrefetchRanking ranking = PrefetchRanking.ExpectedHeardShare;
        var curve = WholeTrackPrefetch.Curve(test, ranking);
        var byCompletion = WholeTrackPrefetch.Curve(test, PrefetchRanking.CompletionProbability);
        var boundCurve = WholeTrackPrefetch.Curve(test, PrefetchRanking.KnownHeardShare);
        var bound = new RankingCuts(PrefetchRanking.KnownHeardShare, WholeTrackPrefetch.WasteCutInterpolated(boundCurve, 0.95),
            WholeTrackPrefetch.WasteCutInterpolated(boundCurve, 0.90));
        var always = WholeTrackPrefetch.Totals(test);
        // A bundle without points runs only under CacheHints:WholeTrackAtOrAbove; its tuned rows need the thresholds alone.
        var points = scorer.OperatingPoints ?? OperatingPointTuning.Thresholds(training);
        var tuned = UsefulShareTargets.Select(target =>
        {
            var threshold = points.WholeTrackAtOrAbove(target);
            var totals = WholeTrackPrefetch.Apply(test, ranking, threshold);
            return new TunedPrefetch(target, threshold, WholeTrackPrefetch.Share(totals.UsefulBytes, always.UsefulBytes),
                1 - WholeTrackPrefetch.Share(totals.WastedBytes, always.WastedBytes), totals);
        }).ToList();
        var deployed = new DeployedRule(settings.HintOptions.WholeTrackAtOrAbove is null ? settings.HintOptions.KeepUsefulShare : null, rule);
        var hinted = new[] { (HintedPlays.TestPeriod, test), (HintedPlays.EveryPlay, trainingScored.Concat(test).ToList()) }
            .Select(plays => HintedPrefetch.Price(plays.Item1, plays.Item2, rule)).ToList();
        var bySegment = PlaySegments.Group(test).Select(g =>
        {
            var plays = g.Indexes.Select(i => test[i]).ToList();
            var (all, kept) = (WholeTrackPrefetch.Totals(plays), WholeTrackPrefetch.Apply(plays, ranking, tuned[0].Threshold));
            return new SegmentPrefetch(g.Segment.Dimension, g.Segment.Segment, plays.Count, all, kept,
                WholeTrackPrefetch.Share(kept.UsefulBytes, all.UsefulBytes), 1 - WholeTrackPrefetch.Share(kept.WastedBytes, all.WastedBytes));
        }).ToList();

        var bufferDepth = BufferDepthSimulation.Simulate(training, test, skipTimes, settings.Network, settings.Player, rule, steps);

        // The training period warms the edge, on demand for every policy (its scores are not used there).
        var edgeCache = EdgeCacheReplay.Run(trainingScored, test, rule, settings.EdgeCache, settings.Network, steps: steps);
        steps?.Report("edge cache: sensitivity to the slow origin's first byte and the segment length");
        var sensitivity = EdgeCacheSensitivity.Of(trainingScored, test, rule, settings.EdgeCache, settings.Network);

        var headline = Cuts(ranking, curve);
        var report = new CacheSimulationReport(scorer.Manifest.Name, scorer.Manifest.Version, settings.BytesPerSecond, training.Count, test.Count,
            always, headline.WasteCutAt95PctUseful, headline.WasteCutAt90PctUseful, headline.Ranking,
            Cuts(PrefetchRanking.CompletionProbability, byCompletion), bound, RandomOrderClassifier.Cuts(test),
            tuned, deployed, hinted, bySegment, Thin(curve, 400), bufferDepth, edgeCache.Rows, edgeCache.Assumptions, sensitivity);

        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "simulation.json"), JsonSerializer.Serialize(report, SimulationJsonContext.Default.CacheSimulationReport));
        HintDecisionsFile.Write(Path.Combine(output, HintDecisionsFile.Name), trainingScored, test, rule, skipTimes);
        SimulationPlots.WasteVsUseful(Path.Combine(output, WasteVsUsefulPng), [("prefetch in order of expected heard share (the hints' ranking)", curve),
                ("prefetch in order of completion probability alone", byCompletion)],
            tuned.Select(t => ($"threshold {t.Threshold:0.000} tuned out of fold for {t.UsefulShareTarget:P0} useful", t.UsefulShare, 1 - t.WasteCut))
                .Append(($"the hints as configured (PREFETCH at expected heard share >= {rule.WholeTrackAtOrAbove:0.000})", hinted[0].UsefulShare, 1 - hinted[0].WasteCut)).ToList(),
            $"{report.Model}@{report.Version}: whole-track prefetch, temporal test period");
        SimulationPlots.WasteVsStall(Path.Combine(output, WasteVsStallPng), bufferDepth,
            $"{report.Model}@{report.Version}: buffer depth under outages, temporal test period");
        SimulationPlots.EdgeCacheStallVsOrigin(Path.Combine(output, EdgeCacheStallVsOriginPng), edgeCache.Rows,
            $"{report.Model}@{report.Version}: edge cache, temporal test period");
        return report;
    }

    private static RankingCuts Cuts(PrefetchRanking ranking, IReadOnlyList<CurvePoint> curve) =>
        new(ranking, WholeTrackPrefetch.WasteCutKeeping(curve, 0.95), WholeTrackPrefetch.WasteCutKeeping(curve, 0.90));

    public static CacheSimulationReport Read(string simulationJson) =>
        JsonSerializer.Deserialize(File.ReadAllText(simulationJson), SimulationJsonContext.Default.CacheSimulationReport)
        ?? throw new InvalidDataException($"{simulationJson} is empty");

    /// <summary>At most about <paramref name="points"/> points for the JSON; the first and last are kept.</summary>
    private static List<CurvePoint> Thin(IReadOnlyList<CurvePoint> curve, int points)
    {
        var step = Math.Max(1, curve.Count / points);
        return curve.Where((_, i) => i % step == 0 || i == curve.Count - 1).ToList();
    }
}
