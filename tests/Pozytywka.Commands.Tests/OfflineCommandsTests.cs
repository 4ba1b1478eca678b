using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pozytywka.Commands.Tests;

/// <summary>generate, train, analyze, evaluate, report, setup and help, run exactly as the README and the usage text spell them.</summary>
[Collection(TrainedWorkspaceGroup.Name)]
public partial class OfflineCommandsTests(TrainedWorkspace workspace)
{
    private static readonly TimeSpan Timeout = TrainedWorkspace.CommandTimeout;

    [Fact]
    public void Generate_writes_the_export_it_reports()
    {
        var generate = workspace.Generate;
        Assert.True(generate.ExitCode == 0, generate.Output);
        var reported = Regex.Match(generate.Output, @"generated ([\d,]+) events \(20 listeners, 200 sessions, ([\d,]+) tracks\)");
        Assert.True(reported.Success, generate.Output);
        Assert.Equal(Number(reported.Groups[1].Value), File.ReadLines(Path.Combine(workspace.Export, "sessions.jsonl")).Count());
        Assert.Equal(Number(reported.Groups[2].Value), File.ReadLines(Path.Combine(workspace.Export, "tracks.jsonl")).Count());
        Assert.All(new[] { "artists", "users", "track_storage" }, file => Assert.True(File.Exists(Path.Combine(workspace.Export, $"{file}.jsonl")), file));
    }

    [Fact]
    public async Task Generate_with_only_the_required_option_uses_the_documented_defaults()
    {
        var directory = Workspace.NewDirectory();
        var generate = await CommandProcess.RunAsync(directory, Timeout, "generate", "--out", "export");
        Assert.True(generate.ExitCode == 0, generate.Output);
        Assert.Contains("(50 listeners, 600 sessions,", generate.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("advanced")]
    public void Train_writes_a_versioned_bundle_whose_metrics_match_what_it_printed(string model)
    {
        var train = model == "simple" ? workspace.TrainSimple : workspace.TrainAdvanced;
        Assert.True(train.ExitCode == 0, train.Output);
        var printed = Regex.Match(train.Output, $@"^{model} (\S+): temporal accuracy ([\d.]+) % \(majority ([\d.]+) %\), AUC ([\d.]+)", RegexOptions.Multiline);
        Assert.True(printed.Success, train.Output);
        var bundle = Path.Combine(workspace.Models, model, printed.Groups[1].Value);
        Assert.All(new[] { "bundle.json", "features.json", "weights.dat", "metrics.json", "loss_curves.png", "roc.png", "reliability.png" },
            file => Assert.True(File.Exists(Path.Combine(bundle, file)), $"{bundle} lacks {file}"));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "metrics.json")));
        Assert.Equal(Percent(printed.Groups[2].Value), metrics.RootElement.GetProperty("accuracy").GetDouble(), 4);
        Assert.Equal(Percent(printed.Groups[3].Value), metrics.RootElement.GetProperty("majority_accuracy").GetDouble(), 4);
        Assert.Equal(double.Parse(printed.Groups[4].Value, CultureInfo.InvariantCulture), metrics.RootElement.GetProperty("auc").GetDouble(), 3);
    }

    [Fact]
    public async Task Analyze_prints_the_quality_tables_and_writes_json_and_histograms()
    {
        var directory = Workspace.NewDirectory();
        var analyze = await CommandProcess.RunAsync(directory, Timeout, "analyze", "--data", workspace.Export, "--json", "out/analysis.json");
        Assert.True(analyze.ExitCode == 0, analyze.Output);
        var plays = Regex.Match(analyze.Output, @"^plays\s+([\d,]+)$", RegexOptions.Multiline);
        Assert.True(plays.Success, analyze.Output);
        Assert.Equal(workspace.ExpectedPlayIds().Count, Number(plays.Groups[1].Value));

        var output = Path.Combine(directory, "out");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "analysis.json")));
        Assert.Equal(Number(plays.Groups[1].Value), json.RootElement.GetProperty("plays").GetInt32());
        Assert.NotEmpty(Directory.GetFiles(output, "*.png"));

        var plain = await CommandProcess.RunAsync(directory, Timeout, "analyze", "--data", workspace.Export);
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.Contains(plays.Value, plain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_scores_every_bundle_and_the_baseline_on_the_same_test_plays()
    {
        var evaluate = await CommandProcess.RunAsync(Workspace.NewDirectory(), Timeout, "evaluate", "--data", workspace.Export, "--models", workspace.Models);
        Assert.True(evaluate.ExitCode == 0, evaluate.Output);
        Assert.Matches(@"majority baseline\s+[\d.]+ %", evaluate.Output);
        foreach (var model in new[] { "simple", "advanced" })
        {
            var bundle = Directory.GetDirectories(Path.Combine(workspace.Models, model)).Single();
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "metrics.json")));
            var row = Regex.Match(evaluate.Output, $@"^{model}@{Path.GetFileName(bundle)}\s+([\d.]+) %", RegexOptions.Multiline);
            Assert.True(row.Success, evaluate.Output);
            Assert.Equal(metrics.RootElement.GetProperty("accuracy").GetDouble(), Percent(row.Groups[1].Value), 4);
        }
        Assert.True(File.Exists(Path.Combine(workspace.Models, "evaluation.json")));
    }

    [Fact]
    public async Task Report_writes_an_insights_page_whose_charts_exist()
    {
        var directory = Workspace.NewDirectory();
        var report = await CommandProcess.RunAsync(directory, Timeout, "report", "--data", workspace.Export, "--out", "report", "--models", workspace.Models);
        Assert.True(report.ExitCode == 0, report.Output);
        var page = Path.Combine(directory, "report", "index.html");
        Assert.Contains($"report: {page}", report.Output, StringComparison.Ordinal);
        var images = Regex.Matches(File.ReadAllText(page), "src=\"([^\"]+\\.png)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.True(File.Exists(Path.Combine(directory, "report", image)), image));
    }

    [Fact]
    public async Task Simulate_cache_prices_both_framings_writes_its_json_and_curves_and_the_report_shows_them()
    {
        var directory = Workspace.NewDirectory();
        // The processor as deployed: its settings file sets the operating point, an environment variable over it the eviction threshold.
        var settings = Path.Combine(directory, "appsettings.json");
        File.WriteAllText(settings, """{ "CacheHints": { "KeepUsefulShare": 0.9, "EvictBelow": 0.2 } }""");
        var simulate = CommandProcess.Start(directory, ["simulate-cache", "--data", workspace.Export, "--models", workspace.Models, "--settings", settings],
            new Dictionary<string, string> { ["CacheHints__EvictBelow"] = "0.5" });
        await simulate.WaitForExitAsync(Timeout);
        Assert.True(simulate.ExitCode == 0, simulate.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "simulation", "simulation.json")));
        var cut = json.RootElement.GetProperty("waste_cut_at_95pct_useful").GetDouble();
        Assert.Contains($"waste cut {cut * 100:0.0} % at 95 % of the useful bytes", simulate.Output, StringComparison.Ordinal);
        Assert.True(json.RootElement.TryGetProperty("waste_cut_at_90pct_useful", out _));
        Assert.Equal("expected_heard_share", json.RootElement.GetProperty("ranking").GetString());
        var compared = json.RootElement.GetProperty("compared");
        Assert.Equal("completion_probability", compared.GetProperty("ranking").GetString());
        Assert.Contains($"ranked by P(complete) alone: {compared.GetProperty("waste_cut_at_95pct_useful").GetDouble() * 100:0.0} %", simulate.Output, StringComparison.Ordinal);
        var bound = json.RootElement.GetProperty("bound_waste_cut_at_95pct_useful").GetDouble();
        Assert.InRange(cut, 0, bound);
        Assert.Equal(cut / bound, json.RootElement.GetProperty("model_share_of_bound_at_95pct_useful").GetDouble(), 12);
        Assert.Contains($"the bound, plays taken by the share really heard: {bound * 100:0.0} % at 95 %", simulate.Output, StringComparison.Ordinal);
        Assert.Equal(300, json.RootElement.GetProperty("random_order_classifier").GetProperty("orderings").GetInt32());
        Assert.Contains("out-of-fold plays of the training period", simulate.Output, StringComparison.Ordinal);
        var deployed = json.RootElement.GetProperty("deployed");
        using var points = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory.GetDirectories(Path.Combine(workspace.Models, "advanced")).Single(), "operating_points.json")));
        var pointFor90 = points.RootElement.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("useful_share").GetDouble() == 0.9)
            .GetProperty("whole_track_at_or_above").GetDouble();
        Assert.Equal(0.9, deployed.GetProperty("keep_useful_share").GetDouble());
        Assert.Equal(pointFor90, deployed.GetProperty("rule").GetProperty("whole_track_at_or_above").GetDouble());
        Assert.Equal(0.5, deployed.GetProperty("rule").GetProperty("evict_below").GetDouble());
        Assert.Contains($"PREFETCH at expected heard share >= {pointFor90:0.000} (the bundle's point for 90 % of the heard bytes), EVICT at P(complete) < 0.50",
            simulate.Output, StringComparison.Ordinal);
        var hinted = json.RootElement.GetProperty("hinted").EnumerateArray().ToList();
        Assert.Equal(["temporal test period", "every play, scored by the bundle"], hinted.Select(h => h.GetProperty("plays").GetString()));
        var decisions = File.ReadAllLines(Path.Combine(directory, "simulation", "hint_decisions.csv"));
        Assert.Equal("play_id,period,completion_probability,expected_heard_share,decision,plan", decisions[0]);
        var rows = decisions.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(hinted[1].GetProperty("play_count").GetInt32(), rows.Count);
        Assert.Equal(hinted[1].GetProperty("evicted").GetInt32(), rows.Count(r => r[4] == "EVICT"));
        Assert.All(rows.Where(r => r[4] == "EVICT"), r => Assert.True(double.Parse(r[2], CultureInfo.InvariantCulture) < 0.5, string.Join(',', r)));
        Assert.All(rows, r => Assert.Equal(double.Parse(r[3], CultureInfo.InvariantCulture) >= pointFor90, r[4] == "PREFETCH"));
        Assert.Equal(["storage_class", "position_in_session", "listener_history"],
            json.RootElement.GetProperty("by_segment").EnumerateArray().Select(s => s.GetProperty("dimension").GetString()).Distinct());

        var bufferDepth = json.RootElement.GetProperty("buffer_depth");
        Assert.Equal(12, bufferDepth.GetProperty("fixed_buffers").GetArrayLength());
        Assert.Contains("fixed 30 s buffer", simulate.Output, StringComparison.Ordinal);
        Assert.Contains("buffer depth under outages: link 1000 kbit/s", simulate.Output, StringComparison.Ordinal);
        var reduction = json.RootElement.GetProperty("model_plan_waste_reduction_at_equal_stall");
        Assert.Contains(reduction.ValueKind == JsonValueKind.Null
            ? "none of the plans stalled as little as the 30 s buffer on training"
            : $"model plan waste reduction at equal stall (30 s buffer's stall): {reduction.GetDouble() * 100:0.0} %", simulate.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "simulation", "waste_vs_useful.png")));
        Assert.True(File.Exists(Path.Combine(directory, "simulation", "waste_vs_stall.png")));

        var edge = json.RootElement.GetProperty("edge_cache").EnumerateArray().ToList();
        Assert.Equal(2 * 6 * 4 * 3, edge.Count);
        Assert.Equal(["steady", "outages"], edge.Select(r => r.GetProperty("link").GetString()).Distinct());
        Assert.Equal(["on_demand", "just_in_time_1", "just_in_time_2", "whole_track", "hint_driven", "oracle"],
            edge.Select(r => r.GetProperty("read_ahead").GetString()).Distinct());
        Assert.Equal(["lru", "lfu", "gdsf", "belady"], edge.Select(r => r.GetProperty("eviction").GetString()).Distinct());
        Assert.Equal([0.01, 0.05, 0.20], edge.Select(r => r.GetProperty("capacity_share").GetDouble()).Distinct());
        foreach (var row in edge)
        {
            foreach (var field in new[] { "startup_p50_ms", "startup_p95_ms", "stall_seconds_per_hour", "origin_bytes", "wasted_bytes" })
                Assert.True(row.GetProperty(field).GetDouble() >= 0, field);
            Assert.True(row.GetProperty("startup_p95_ms").GetDouble() >= row.GetProperty("startup_p50_ms").GetDouble());
        }
        // The oracle fetches only heard segments at PLAY: it never stalls and wastes no more than on demand does.
        double Field(string readAhead, string field) => edge.First(r => r.GetProperty("read_ahead").GetString() == readAhead).GetProperty(field).GetDouble();
        Assert.Equal(0, Field("oracle", "stall_seconds_per_hour")); // the first row is on the steady link
        Assert.Equal(Field("on_demand", "wasted_bytes"), Field("oracle", "wasted_bytes"));
        Assert.Contains("hint-driven against the best simple read-ahead", simulate.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "simulation", "edge_cache_stall_vs_origin.png")));

        var report = await CommandProcess.RunAsync(directory, Timeout, "report", "--data", workspace.Export, "--out", "report", "--simulation", "simulation");
        Assert.True(report.ExitCode == 0, report.Output);
        var page = File.ReadAllText(Path.Combine(directory, "report", "index.html"));
        Assert.Contains("<h2>What the hints are worth</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h3>Buffer depth under outages</h3>", page, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "report", "cache_waste_vs_stall.png")));
    }

    [Fact]
    public async Task Setup_alone_finds_everything_in_place_and_help_lists_the_commands()
    {
        var setup = await CommandProcess.RunAsync(Workspace.NewDirectory(), Timeout, "setup");
        Assert.True(setup.ExitCode == 0, setup.Output);
        Assert.Contains("libstdc++", setup.Output, StringComparison.Ordinal);

        var help = await CommandProcess.RunAsync(Workspace.NewDirectory(), Timeout, "help");
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.StartsWith("usage: ./pozytywka <command>", help.Output, StringComparison.Ordinal);

        var unknown = await CommandProcess.RunAsync(Workspace.NewDirectory(), Timeout, "no-such-command");
        Assert.Equal(2, unknown.ExitCode);
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static double Percent(string text) => double.Parse(text, CultureInfo.InvariantCulture) / 100;
}
