using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Trainer.Analysis;
using Pozytywka.Trainer.Evaluation;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Report;

/// <summary>A chart on the page: which section it belongs to, its caption and its PNG beside the page.</summary>
public sealed record ReportChart(string Section, string Caption, string File);

/// <summary>Computes the insights of an export (and its bundles) and draws their charts into the output directory.</summary>
public static class InsightsReportBuilder
{
    public const string AttributesSection = "Track attributes: completed vs skipped";
    public const string CorrelationSection = "Correlations";
    public const string RatesSection = "Skip rate by context";
    public const string ModelsSection = "Models";
    public const string TasteSection = "Listener taste: each listener's strongest skip threshold";
    public const string CacheSection = "What the hints are worth";

    private static readonly string[] BreakdownVariables =
        ["position_in_session", "skips_so_far", "previous_skipped", "hour_of_day", "premium", "advertisement_before", "genre_overlap"];

    public static (InsightsReport Report, IReadOnlyList<ReportChart> Charts) Build(string data, string output, string? models, string? simulation = null,
        IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(output);
        progress?.Report("analyzing data quality");
        var analysis = ExportAnalyzer.Analyze(new ExportDirectory(data));
        progress?.Report("replaying plays");
        var export = new ExportDirectory(data);
        var faults = new FaultLog();
        var catalog = CatalogLoader.Load(export, faults);
        var timeline = new ListeningTimeline(catalog);
        var plays = PlayDataset.Replay(export, timeline, faults);
        var labels = plays.Select(p => p.Skipped).ToList();
        var charts = new List<ReportChart>();

        var trackVariables = ReportVariables.TrackProperties(catalog);
        var contextVariables = ReportVariables.Context(catalog);
        var values = trackVariables.Concat(contextVariables).ToDictionary(v => v, v => plays.Select(v.Value).ToList());

        progress?.Report("drawing attribute histograms");
        foreach (var variable in trackVariables)
        {
            var file = $"attribute_{variable.Name}.png";
            var column = values[variable];
            var markers = variable.Name == "duration_ms"
                ? new[] { analysis.Report.TrackDurationSeconds.P1 * 1000, analysis.Report.TrackDurationSeconds.P99 * 1000 }
                : [];
            ReportCharts.Overlay(Path.Combine(output, file), variable.Name,
                column.Where((_, i) => !labels[i]).ToList(), column.Where((_, i) => labels[i]).ToList(), markers);
            charts.Add(new ReportChart(AttributesSection, variable.Name + (markers.Length > 0 ? " (dashed: 1st and 99th percentile of tracks)" : ""), file));
        }
        ReportCharts.Histogram(Path.Combine(output, "play_to_skip_seconds.png"), "Seconds from PLAY to SKIP", analysis.PlayToSkipSeconds, "seconds");
        charts.Add(new ReportChart(AttributesSection, "seconds from PLAY to SKIP", "play_to_skip_seconds.png"));

        progress?.Report("computing correlations");
        var continuous = values.Keys.Where(v => v.Continuous).ToList();
        var pearson = Correlations("Pearson", continuous, values, Statistics.Pearson);
        var spearman = Correlations("Spearman", continuous, values, Statistics.Spearman);
        foreach (var matrix in new[] { pearson, spearman })
        {
            var file = $"correlation_{matrix.Method.ToLowerInvariant()}.png";
            ReportCharts.Heatmap(Path.Combine(output, file), $"{matrix.Method} correlation", matrix.Names, matrix.Values);
            charts.Add(new ReportChart(CorrelationSection, $"{matrix.Method} correlation of continuous attributes and PLAY-time context", file));
        }

        progress?.Report("estimating mutual information");
        var mutualInformation = values.Keys
            .Select(v => new MutualInformationRow(v.Name, Statistics.MutualInformation(values[v], labels, v.Discrete),
                v.Discrete ? "plug-in by value, Miller–Madow corrected" : "decile bins, Miller–Madow corrected"))
            .OrderByDescending(r => r.Nats).ToList();

        progress?.Report("breaking skip rates down");
        var breakdowns = BreakdownVariables.Select(name => Breakdown(contextVariables.Single(v => v.Name == name), values, labels)).ToList();
        foreach (var breakdown in breakdowns)
        {
            var file = $"skip_rate_by_{breakdown.Variable}.png";
            ReportCharts.Rates(Path.Combine(output, file), $"skip rate by {breakdown.Variable}", breakdown.Rows);
            charts.Add(new ReportChart(RatesSection, breakdown.Variable, file));
        }

        progress?.Report("collecting listener taste splits");
        var tasteSplits = timeline.TasteSplits()
            .Select(s => new TasteSplitRow(s.Key, TasteFeatures.Attributes[s.Value.Attribute].FieldName(), s.Value.Cut, s.Value.SkipRateBelow,
                s.Value.SkipRateAbove, s.Value.Strength))
            .OrderBy(s => s.Attribute, StringComparer.Ordinal).ThenBy(s => s.Cut).ToList();
        var byAttribute = tasteSplits.GroupBy(s => s.Attribute).OrderByDescending(g => g.Count()).ToList();
        ReportCharts.Bars(Path.Combine(output, "taste_split_attributes.png"), "Attribute of each listener's strongest split",
            byAttribute.Select(g => g.Key).ToList(), byAttribute.Select(g => (double)g.Count()).ToList(), "listeners");
        charts.Add(new ReportChart(TasteSection, "how many listeners' strongest split is on each attribute", "taste_split_attributes.png"));
        ReportCharts.Histogram(Path.Combine(output, "taste_split_strength.png"), "Strength of each listener's strongest split (Gini decrease)",
            tasteSplits.Select(s => s.Strength).ToList(), "Gini decrease", "listeners");
        charts.Add(new ReportChart(TasteSection, "how strongly those splits separate skips from completions", "taste_split_strength.png"));

        var scores = models is null ? [] : BundleEvaluation.Run(data, models);
        foreach (var score in scores)
        {
            foreach (var plot in new[] { "roc.png", "reliability.png" })
            {
                var source = Path.Combine(score.Directory, plot);
                if (!File.Exists(source))
                    continue;
                var file = $"model_{score.Model}_{score.Version}_{plot}";
                File.Copy(source, Path.Combine(output, file), overwrite: true);
                charts.Add(new ReportChart(ModelsSection, $"{score.Model}@{score.Version}: {Path.GetFileNameWithoutExtension(plot)} (as trained)", file));
            }
        }

        var cache = simulation is null ? null : CacheSimulationOf(simulation, output, charts);
        return (new InsightsReport(analysis.Report, mutualInformation, breakdowns, pearson, spearman, scores, tasteSplits, cache), charts);
    }

    /// <summary>A <c>simulate-cache</c> output: its figures for the page, its two PNGs copied beside it.</summary>
    private static Simulation.CacheSimulationReport CacheSimulationOf(string directory, string output, List<ReportChart> charts)
    {
        var json = Path.Combine(directory, "simulation.json");
        if (!File.Exists(json))
            throw new FileNotFoundException($"{json} is missing: run simulate-cache --out {directory} first", json);
        var report = Simulation.CacheSimulation.Read(json);
        foreach (var (file, caption) in new[]
                 {
                     (Simulation.CacheSimulation.WasteVsUsefulPng, "whole-track prefetch: waste against useful bytes (temporal test period)"),
                     (Simulation.CacheSimulation.WasteVsStallPng, "buffer depth under outages: waste against stall (temporal test period)"),
                 })
        {
            File.Copy(Path.Combine(directory, file), Path.Combine(output, "cache_" + file), overwrite: true);
            charts.Add(new ReportChart(CacheSection, caption, "cache_" + file));
        }
        return report;
    }

    private static CorrelationMatrix Correlations(string method, List<ReportVariable> variables,
        Dictionary<ReportVariable, List<double>> values, Func<IReadOnlyList<double>, IReadOnlyList<double>, double> correlate)
    {
        var matrix = new double[variables.Count, variables.Count];
        for (var a = 0; a < variables.Count; a++)
        {
            for (var b = a; b < variables.Count; b++)
                matrix[a, b] = matrix[b, a] = a == b ? 1 : correlate(values[variables[a]], values[variables[b]]);
        }
        return new CorrelationMatrix(method, variables.Select(v => v.Name).ToList(), matrix);
    }

    private static RateBreakdown Breakdown(ReportVariable variable, Dictionary<ReportVariable, List<double>> values, List<bool> labels)
    {
        var rows = values[variable].Select((value, i) => (value, skipped: labels[i]))
            .GroupBy(p => p.value)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var plays = g.Count();
                var skips = g.Count(p => p.skipped);
                var (low, high) = Statistics.Wilson(skips, plays);
                return new RateRow(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), plays, (double)skips / plays, low, high);
            }).ToList();
        return new RateBreakdown(variable.Name, rows);
    }
}
