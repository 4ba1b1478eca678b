using System.Text.Json;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.Model;
using Pozytywka.Trainer.Evaluation;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// Replays an export through the same timeline and bundle the processor uses, and prices whole-track prefetch at
/// PLAY: the real outcome decides what is heard (to the SKIP; a completed play hears the whole track), audio is
/// a constant bitrate, and storage cost comes from track_storage. Operating points are chosen on the training
/// period (fit and validation plays) and reported on the temporal test period only.
/// </summary>
public static class CacheSimulation
{
    /// <summary>160 kbit/s, a common streaming bitrate; shares and cuts do not depend on it, bytes do.</summary>
    public const double DefaultBytesPerSecond = 20_000;

    public static readonly double[] UsefulShareTargets = [0.95, 0.90];

    /// <summary>The processor's default hint thresholds: whole tracks prefetched exactly where it says PREFETCH.</summary>
    private static readonly CacheDecisionPolicy HintPolicy = new(new CacheHintOptions());

    public static CacheSimulationReport Run(string dataDirectory, string modelsDirectory, string model, double bytesPerSecond, string output)
    {
        var export = new ExportDirectory(dataDirectory);
        var faults = new FaultLog();
        var catalog = CatalogLoader.Load(export, faults);
        using var scorer = ModelBundle.Load(BundleLocator.Resolve(modelsDirectory, model), catalog);
        var split = DatasetSplit.Temporal(PlayDataset.Replay(export, catalog, faults, scorer.Spec.ListenerHistory));
        var training = CachePlays(split.Fit.Concat(split.Validation).ToList(), catalog, scorer, bytesPerSecond);
        var test = CachePlays(split.Test, catalog, scorer, bytesPerSecond);

        var trainingCurve = WholeTrackPrefetch.Curve(training);
        var curve = WholeTrackPrefetch.Curve(test);
        var always = WholeTrackPrefetch.Totals(test);
        var tuned = UsefulShareTargets.Select(target =>
        {
            var threshold = WholeTrackPrefetch.ThresholdKeeping(trainingCurve, target);
            var totals = WholeTrackPrefetch.Apply(test, threshold);
            return new TunedPrefetch(target, threshold, (double)totals.UsefulBytes / always.UsefulBytes, 1 - (double)totals.WastedBytes / always.WastedBytes, totals);
        }).ToList();
        var hinted = WholeTrackPrefetch.Hinted(test, HintPolicy);
        var hintPolicy = new HintPolicyPrefetch(WholeTrackPrefetch.Share(hinted.UsefulBytes, always.UsefulBytes),
            1 - WholeTrackPrefetch.Share(hinted.WastedBytes, always.WastedBytes), hinted);
        var byClass = test.GroupBy(p => p.StorageClass ?? "UNKNOWN").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StorageClassPrefetch(g.Key, g.Count(), WholeTrackPrefetch.Totals(g), WholeTrackPrefetch.Apply(g.ToList(), tuned[0].Threshold)))
            .ToList();
        var report = new CacheSimulationReport(scorer.Manifest.Name, scorer.Manifest.Version, bytesPerSecond, training.Count, test.Count,
            always, WholeTrackPrefetch.WasteCutKeeping(curve, 0.95), WholeTrackPrefetch.WasteCutKeeping(curve, 0.90), tuned, hintPolicy, byClass, Thin(curve, 400));

        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "simulation.json"), JsonSerializer.Serialize(report, SimulationJsonContext.Default.CacheSimulationReport));
        EvaluationPlots.WasteVsUseful(Path.Combine(output, "waste_vs_useful.png"), curve,
            tuned.Select(t => ($"threshold {t.Threshold:0.000} tuned on training for {t.UsefulShareTarget:P0} useful", t.UsefulShare, 1 - t.WasteCut))
                .Append(("today's hint policy (PREFETCH hints, thresholds per storage class)", hintPolicy.UsefulShare, 1 - hintPolicy.WasteCut)).ToList(),
            $"{report.Model}@{report.Version}: whole-track prefetch, temporal test period");
        return report;
    }

    private static List<CachePlay> CachePlays(IReadOnlyList<LabeledPlay> plays, Catalog catalog, SkipScorer scorer, double bytesPerSecond)
    {
        var known = plays.Where(p => catalog.FindTrack(p.Input.Play.TrackId)?.DurationSeconds is > 0).ToList();
        var skip = scorer.Score(known.Select(p => p.Input).ToList());
        return known.Select((p, i) =>
        {
            var duration = catalog.FindTrack(p.Input.Play.TrackId)!.DurationSeconds!.Value;
            var storage = catalog.Storage.GetValueOrDefault(p.Input.Play.TrackId);
            var heard = p.Skipped ? Math.Clamp(p.SecondsPlayed, 0, duration) : duration;
            return new CachePlay(p.Input.Play.PlayId, storage?.StorageClass, storage is { DailyCost: var cost } && double.IsFinite(cost) ? cost : 0,
                (long)Math.Round(duration * bytesPerSecond), (long)Math.Round(heard * bytesPerSecond), 1 - skip[i]);
        }).ToList();
    }

    /// <summary>At most about <paramref name="points"/> points for the JSON; the first and last are kept.</summary>
    private static List<CurvePoint> Thin(IReadOnlyList<CurvePoint> curve, int points)
    {
        var step = Math.Max(1, curve.Count / points);
        return curve.Where((_, i) => i % step == 0 || i == curve.Count - 1).ToList();
    }
}
