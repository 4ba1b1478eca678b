using System.Globalization;
using System.Net;
using System.Text;

namespace Pozytywka.Trainer.Report;

/// <summary>Writes the insights as one self-contained HTML page; its images are PNGs beside it, nothing external.</summary>
public static class InsightsPage
{
    public const string FileName = "index.html";

    public static string Write(InsightsReport report, IReadOnlyList<ReportChart> charts, string output)
    {
        var html = new StringBuilder();
        var q = report.Quality;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Pozytywka Skip insights</title><style>")
            .Append("body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append("figure{display:inline-block;margin:.5em}figcaption{font-size:.85em;color:#555}img{max-width:100%}")
            .Append("</style></head><body>\n");
        html.Append($"<h1>Pozytywka Skip insights</h1><p>Export: <code>{E(q.Data)}</code>. {N(q.Plays)} plays, {N(q.SkippedPlays)} skipped ({q.SkipRate.ToString("P2", CultureInfo.InvariantCulture)}).</p>\n");

        html.Append("<h2>Data quality</h2>\n");
        Table(html, ["file", "rows"], q.RowsPerFile.Select(r => new[] { r.Key, N(r.Value) }));
        Table(html, ["event type", "events"], q.EventsPerType.Select(r => new[] { r.Key, N(r.Value) }));
        Table(html, ["check", "count"], [
            ["SKIPs without a preceding PLAY", N(q.SkipsWithoutPrecedingPlay)],
            ["duplicate artist names", N(q.DuplicateArtistNames)],
            ["track rows repeating a (name, artist)", N(q.DuplicateTrackNameArtistRows)],
            ["session track ids missing from tracks", N(q.Integrity.SessionTracksMissingFromTracks)],
            ["tracks without storage", N(q.Integrity.TracksWithoutStorage)],
            ["tracks whose artist is missing", N(q.Integrity.TracksWithMissingArtist)],
        ]);
        Table(html, ["fault", "count", "first seen"], q.Faults.Select(f => new[] { $"{f.File}.{f.Field}: {f.Kind}", N(f.Count), f.FirstSeen }));

        Charts(html, charts, InsightsReportBuilder.AttributesSection);

        html.Append("<h2>Mutual information with the skip label</h2><p>Estimated from contingency tables with the Miller–Madow bias correction; ")
            .Append("continuous variables are cut at their deciles. In nats; the label's own entropy is the ceiling.</p>\n");
        Table(html, ["variable", "mutual information", "estimator"], report.MutualInformation.Select(m => new[] { m.Variable, F(m.Nats, "0.0000"), m.Estimator }));

        Charts(html, charts, InsightsReportBuilder.CorrelationSection);
        foreach (var matrix in new[] { report.Pearson, report.Spearman })
        {
            html.Append($"<h3>{E(matrix.Method)}</h3>\n");
            Table(html, matrix.Names.Prepend("").ToArray(), matrix.Names.Select((name, r) =>
                matrix.Names.Select((_, c) => F(matrix.Values[r, c], "0.00")).Prepend(name).ToArray()));
        }

        Charts(html, charts, InsightsReportBuilder.RatesSection);
        html.Append("<p>Position and skips so far are capped at 20 and 10 (the last group holds everything above).</p>\n");
        foreach (var breakdown in report.Breakdowns)
        {
            html.Append($"<h3>{E(breakdown.Variable)}</h3>\n");
            Table(html, [breakdown.Variable, "plays", "skip rate", "95 % interval"], breakdown.Rows.Select(r =>
                new[] { r.Group, N(r.Plays), F(r.Rate, "0.000"), $"{F(r.Low, "0.000")} – {F(r.High, "0.000")}" }));
        }

        if (report.TasteSplits.Count > 0)
        {
            html.Append($"<h2>{E(InsightsReportBuilder.TasteSection)}</h2><p>From each listener's last closed plays at the end of the export ")
                .Append("(the history the <code>advanced</code> model's taste features read): the single attribute and cut that best separated their ")
                .Append("skips from their completions, with smoothed skip rates on each side.</p>\n");
            Charts(html, charts, InsightsReportBuilder.TasteSection, heading: false);
            Table(html, ["listener", "attribute", "cut", "skip rate at or below", "skip rate above", "strength"], report.TasteSplits.Select(s => new[]
            {
                s.Listener.ToString(CultureInfo.InvariantCulture), s.Attribute, F(s.Cut, "0.###"), F(s.SkipRateBelow, "0.000"), F(s.SkipRateAbove, "0.000"), F(s.Strength, "0.000"),
            }));
        }

        if (report.Models.Count > 0)
        {
            html.Append($"<h2>{InsightsReportBuilder.ModelsSection}</h2><p>Temporal split: scored on the latest 20 % of plays by PLAY time.</p>\n");
            var baseline = report.Models[0].Metrics.MajorityAccuracy;
            Table(html, ["model", "accuracy", "AUC", "log loss", "Brier", "ECE", "TP", "FP", "TN", "FN"],
                report.Models.Select(s => new[]
                {
                    $"{s.Model}@{s.Version}", F(s.Metrics.Accuracy, "P2"), F(s.Metrics.Auc, "0.000"), F(s.Metrics.LogLoss, "0.000"),
                    F(s.Metrics.Brier, "0.000"), F(s.Metrics.Ece, "0.000"), N(s.Metrics.Confusion.TruePositives), N(s.Metrics.Confusion.FalsePositives),
                    N(s.Metrics.Confusion.TrueNegatives), N(s.Metrics.Confusion.FalseNegatives),
                }).Prepend(["listener skip-rate baseline (the listener's own skip rate before the play)", F(report.Models[0].BaselineAndIntervals.ListenerBaselineAccuracy, "P2"),
                    F(report.Models[0].BaselineAndIntervals.ListenerBaselineAuc, "0.000"), "", "", "", "", "", "", ""])
                .Prepend(["majority baseline", F(baseline, "P2"), "0.500", "", "", "", "", "", "", ""]));
            html.Append("<p>95 % intervals from a bootstrap over listeners (each listener drawn with all of their test plays): " +
                string.Join("; ", report.Models.Select(s => $"{s.Model}@{s.Version} AUC {F(s.BaselineAndIntervals.AucInterval.Low, "0.000")}–{F(s.BaselineAndIntervals.AucInterval.High, "0.000")}")) +
                $"; listener skip-rate baseline AUC {F(report.Models[0].BaselineAndIntervals.ListenerBaselineAucInterval.Low, "0.000")}–" +
                $"{F(report.Models[0].BaselineAndIntervals.ListenerBaselineAucInterval.High, "0.000")}.</p>\n");
            Charts(html, charts, InsightsReportBuilder.ModelsSection, heading: false);
        }

        if (report.Simulation is { } simulation)
            CacheSimulation(html, simulation, charts);

        html.Append("</body></html>\n");
        var path = Path.Combine(output, FileName);
        File.WriteAllText(path, html.ToString());
        return path;
    }

    private static void CacheSimulation(StringBuilder html, Simulation.CacheSimulationReport r, IReadOnlyList<ReportChart> charts)
    {
        static string Gb(long bytes) => F(bytes / 1e9, "0.000") + " GB";
        html.Append($"<h2>{E(InsightsReportBuilder.CacheSection)}</h2><p><code>simulate-cache</code> with {E(r.Model)}@{E(r.Version)}: {N(r.TestPlays)} plays ")
            .Append($"of the temporal test period; thresholds and plans chosen on {N(r.TrainingPlays)} out-of-fold plays of the training period, scored by networks that had not learned from them. See docs/cache-simulation.md for every assumption.</p>\n");
        html.Append("<h3>Whole-track prefetch at PLAY</h3>")
            .Append($"<p>Against always-prefetch, ordering plays by the share of the track expected to be heard (the model's P(complete), and the ")
            .Append($"listener's usual skip point for the rest) cuts wasted bytes by {F(r.WasteCutAt95PctUseful, "P1")} while keeping 95 % of the useful bytes ")
            .Append($"({F(r.WasteCutAt90PctUseful, "P1")} at 90 %); by P(complete) alone {F(r.Compared.WasteCutAt95PctUseful, "P1")} ({F(r.Compared.WasteCutAt90PctUseful, "P1")}). ")
            .Append($"With every skip time known, no whole-track policy could cut more than {F(r.BoundWasteCutAt95PctUseful, "P1")} at 95 % ")
            .Append($"({F(r.BoundWasteCutAt90PctUseful, "P1")} at 90 %): the hints reach {F(r.ModelShareOfBoundAt95PctUseful, "P0")} of that bound.</p>\n");
        Table(html, ["policy", "useful", "wasted", "useful kept", "waste cut"], r.Tuned
            .Select(t => new[] { $"expected heard share ≥ {F(t.Threshold, "0.000")} (tuned out of fold for {F(t.UsefulShareTarget, "P0")})", Gb(t.Totals.UsefulBytes), Gb(t.Totals.WastedBytes), F(t.UsefulShare, "P1"), F(t.WasteCut, "P1") })
            .Prepend(["always prefetch", Gb(r.AlwaysPrefetch.UsefulBytes), Gb(r.AlwaysPrefetch.WastedBytes), "100.0 %", "0.0 %"])
            .Append([$"the hints as configured: whole track where PREFETCH (expected heard share >= {F(r.Deployed.Rule.WholeTrackAtOrAbove, "0.000")})",
                Gb(r.Hinted[0].Totals.UsefulBytes), Gb(r.Hinted[0].Totals.WastedBytes), F(r.Hinted[0].UsefulShare, "P1"), F(r.Hinted[0].WasteCut, "P1")]));
        Table(html, ["breakdown", "segment", "plays", "useful kept", "waste cut"],
            r.BySegment.Select(s => new[] { s.Dimension, s.Segment, N(s.Plays), F(s.UsefulShare, "P1"), F(s.WasteCut, "P1") }));

        var b = r.BufferDepth;
        html.Append("<h3>Buffer depth under outages</h3>")
            .Append($"<p>Link {F(b.Network.LinkKbps, "0")} kbit/s with an outage every {F(b.Network.MeanSecondsBetweenOutages, "0")} s lasting {F(b.Network.MeanOutageSeconds, "0.#")} s on average; ")
            .Append($"audio {F(b.Network.AudioKbps, "0")} kbit/s. ");
        html.Append(b.Headline is { } headline
            ? $"At the stall level of a {F(headline.ReferenceBufferSeconds, "0")} s buffer the skip-time plan wastes {F(Math.Abs(headline.WasteReduction), "P1")} {(headline.WasteReduction >= 0 ? "less" : "more")} than fixed buffers.</p>\n"
            : "No plan stalled as little as the reference buffer on training.</p>\n");
        Table(html, ["policy", "fetched", "wasted", "waste cost per day", "stall s per hour", "plays stalled"],
            b.FixedBuffers.Append(b.WholeTrack).Append(b.HintPolicy).Append(b.ConfiguredPlan)
                .Select(t => new[] { t.Policy, Gb(t.FetchedBytes), Gb(t.WastedBytes), F(t.WastedCost, "0.000"), F(t.StallSecondsPerHour, "0.0"), F(t.StalledPlayShare, "P2") }));
        Table(html, ["plan family", "tuned to stall like", "policy", "stall s per hour (test)", "wasted", "waste reduction at equal stall"],
            b.EqualStall.Select(c => new[] { c.Family, $"{F(c.ReferenceBufferSeconds, "0")} s buffer", c.Policy, F(c.Test.StallSecondsPerHour, "0.0"), Gb(c.Test.WastedBytes), F(c.WasteReduction, "P1") }));
        Table(html, ["breakdown", "segment", "plays", "stall s per hour", "waste reduction at equal stall"],
            b.BySegment.Select(s => new[] { s.Dimension, s.Segment, N(s.Plan.Plays), F(s.Plan.StallSecondsPerHour, "0.0"), F(s.WasteReduction, "P1") }));
        Charts(html, charts, InsightsReportBuilder.CacheSection, heading: false);
    }

    private static void Charts(StringBuilder html, IReadOnlyList<ReportChart> charts, string section, bool heading = true)
    {
        if (heading)
            html.Append($"<h2>{E(section)}</h2>\n");
        foreach (var chart in charts.Where(c => c.Section == section))
            html.Append($"<figure><img src=\"{E(chart.File)}\" alt=\"{E(chart.Caption)}\" width=\"480\"/><figcaption>{E(chart.Caption)}</figcaption></figure>\n");
    }

    private static void Table(StringBuilder html, string[] header, IEnumerable<string[]> rows)
    {
        html.Append("<table><tr>");
        foreach (var cell in header)
            html.Append($"<th>{E(cell)}</th>");
        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append($"<td>{E(cell)}</td>");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
