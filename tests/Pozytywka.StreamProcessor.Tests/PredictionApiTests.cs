using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The prediction API's contract, over real HTTP against the real host.</summary>
[Collection(TrainedExportGroup.Name)]
public class PredictionApiTests(TrainedExport export)
{
    private string KnownTrack => export.Catalog.Tracks.Keys.Order(StringComparer.Ordinal).First();

    [Fact]
    public async Task Models_lists_every_bundle_with_its_champion_flag_and_offline_metrics()
    {
        await using var host = await ApiHost.StartAsync(export);
        var models = await host.Client.GetFromJsonAsync<JsonElement>("/api/models", TestContext.Current.CancellationToken);

        Assert.Equal(["advanced@v1", "simple@v1"], models.EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}@{m.GetProperty("version").GetString()}"));
        var bundles = new Dictionary<string, string> { ["advanced"] = export.BundleDirectory, ["simple"] = export.SimpleBundleDirectory };
        Assert.All(models.EnumerateArray(), m =>
        {
            Assert.True(m.GetProperty("champion").GetBoolean());
            using var trainerFigures = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundles[m.GetProperty("name").GetString()!], "metrics.json")));
            foreach (var figure in new[] { "accuracy", "auc", "log_loss", "majority_accuracy" })
                Assert.Equal(trainerFigures.RootElement.GetProperty(figure).GetDouble(), m.GetProperty("metrics").GetProperty(figure).GetDouble(), 12);
            Assert.True(m.TryGetProperty("loaded_at", out _));
        });
        var advanced = models.EnumerateArray().First(m => m.GetProperty("name").GetString() == "advanced");
        Assert.Equal(export.OfflineTestAccuracy, advanced.GetProperty("metrics").GetProperty("accuracy").GetDouble(), 12);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        var openApi = await host.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.All(new[] { "/api/models", "/api/predict/{model}", "/api/predict/random", "/api/predict/batch", "/api/outcomes", "/api/experiments/{id}" },
            path => Assert.Contains($"\"{path}\"", openApi, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_original_request_shape_still_works_and_every_prediction_is_logged()
    {
        await using var host = await ApiHost.StartAsync(export);
        var original = await Post(host, "/api/predict/advanced", $$"""{"track_id": "{{KnownTrack}}", "favourite_genres": ["rock"]}""");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        var answer = await original.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var probability = answer.GetProperty("skip_probability").GetDouble();
        Assert.InRange(probability, 0, 1);
        Assert.Equal(probability >= 0.5, answer.GetProperty("skipped").GetBoolean());
        Assert.Equal("advanced", answer.GetProperty("model").GetString());
        Assert.Equal("v1", answer.GetProperty("version").GetString());

        await host.WaitUntilStoredAsync(1);
        var logged = await host.Services.GetRequiredService<IPredictionStore>().FindAsync(answer.GetProperty("prediction_id").GetString()!, TestContext.Current.CancellationToken);
        Assert.NotNull(logged);
        Assert.Equal(Contracts.PredictionSource.Http, logged.Source);
        Assert.Equal(probability, logged.SkipProbability);
        Assert.Equal(["rock"], logged.Inputs.FavouriteGenres);

        var full = await Post(host, "/api/predict/simple@v1", $$"""
            {"track_id": "{{KnownTrack}}", "user_id": 101, "favourite_genres": ["rock"], "position": 4, "skips_so_far": 2,
             "previous_skipped": true, "advertisement_before": true, "premium": false}
            """);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("simple", (await full.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("model").GetString());

        var batch = await Post(host, "/api/predict/batch", $$"""{"model": "advanced", "items": [{"track_id": "{{KnownTrack}}"}, {"track_id": "{{KnownTrack}}", "position": 2}]}""");
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(2, (await batch.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("predictions").GetArrayLength());
    }

    [Fact]
    public async Task Errors_are_problem_details_with_the_right_status()
    {
        await using var host = await ApiHost.StartAsync(export);
        await AssertProblem(await Post(host, "/api/predict/nosuchmodel", $$"""{"track_id": "{{KnownTrack}}"}"""), HttpStatusCode.NotFound, "nosuchmodel");
        await AssertProblem(await Post(host, "/api/predict/advanced@v9", $$"""{"track_id": "{{KnownTrack}}"}"""), HttpStatusCode.NotFound, "advanced@v9");
        await AssertProblem(await Post(host, "/api/predict/advanced", """{"track_id": "no-such-track"}"""), HttpStatusCode.NotFound, "no-such-track");

        var invalid = await AssertProblem(await Post(host, "/api/predict/advanced", """{"position": 0, "skips_so_far": -1}"""), HttpStatusCode.BadRequest, "");
        Assert.Equal("track_id is required", FieldError(invalid, "track_id"));
        Assert.Equal("position counts from 1", FieldError(invalid, "position"));
        Assert.Equal("skips_so_far cannot be negative", FieldError(invalid, "skips_so_far"));
        var tooMany = string.Join(",", Enumerable.Repeat($$"""{"track_id": "{{KnownTrack}}"}""", 101));
        Assert.Equal("at most 100 items per batch",
            FieldError(await AssertProblem(await Post(host, "/api/predict/batch", $$"""{"items": [{{tooMany}}]}"""), HttpStatusCode.BadRequest, ""), "items"));
        var huge = $$"""{"track_id": "{{KnownTrack}}", "favourite_genres": ["{{new string('x', 300_000)}}"]}""";
        Assert.Contains("larger than this server accepts",
            FieldError(await AssertProblem(await Post(host, "/api/predict/advanced", huge), HttpStatusCode.RequestEntityTooLarge, ""), "body"), StringComparison.Ordinal);
        await AssertProblem(await Post(host, "/api/outcomes", """{"prediction_id": "never-made", "skipped": true}""", ApiHost.AdminKey), HttpStatusCode.NotFound, "never-made");
        await AssertProblem(await host.Client.GetAsync("/api/experiments/nope", TestContext.Current.CancellationToken), HttpStatusCode.NotFound, "nope");
    }

    [Theory]
    [InlineData("/api/predict/advanced", """{"track_id": """, "body", "the body is not valid JSON: ")]
    [InlineData("/api/predict/advanced", """{"track_id": "a" "user_id": 1}""", "body", "the body is not valid JSON: '\"' is invalid after a value")]
    [InlineData("/api/predict/advanced", """{"track_id": 12, "user_id": "x"}""", "track_id", "track_id must be a string (line 1, byte ")]
    [InlineData("/api/predict/random", """{"track_id": "a", "user_id": "x"}""", "user_id", "user_id must be a whole number (line 1, byte ")]
    [InlineData("/api/predict/simple", """{"track_id": "a", "favourite_genres": "rock"}""", "favourite_genres", "favourite_genres must be an array of strings (line 1, byte ")]
    [InlineData("/api/predict/simple", """[1, 2]""", "body", "body must be an object (line 1, byte ")]
    [InlineData("/api/predict/simple", "null", "body", "a JSON object with at least track_id is required")]
    [InlineData("/api/predict/batch", """{"items": [{"track_id": "a", "position": "x"}]}""", "items[0].position", "items[0].position must be a whole number (line 1, byte ")]
    [InlineData("/api/predict/batch", """{"items": [null]}""", "items[0]", "an object is required")]
    [InlineData("/api/outcomes", """{"prediction_id": "p", "skipped": "yes"}""", "skipped", "skipped must be true or false (line 1, byte ")]
    [InlineData("/api/outcomes", """{"prediction_id": "p", "seconds_played": -1}""", "skipped", "skipped (true or false) is required")]
    [InlineData("/api/models/advanced/promote", """{"version": 2}""", "version", "version must be a string (line 1, byte ")]
    public async Task A_body_that_cannot_be_read_names_the_field_and_what_was_expected(string path, string body, string field, string message)
    {
        await using var host = await ApiHost.StartAsync(export);
        var problem = await AssertProblem(await Post(host, path, body, ApiHost.AdminKey), HttpStatusCode.BadRequest, "");
        Assert.StartsWith(message, FieldError(problem, field), StringComparison.Ordinal);
        Assert.Equal("The request is not valid", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_told_which_content_type_to_send()
    {
        await using var host = await ApiHost.StartAsync(export);
        using var content = new StringContent($$"""{"track_id": "{{KnownTrack}}"}""", Encoding.UTF8, "text/plain");
        var problem = await AssertProblem(await host.Client.PostAsync("/api/predict/advanced", content, TestContext.Current.CancellationToken),
            HttpStatusCode.UnsupportedMediaType, "");
        Assert.Equal("send the body as JSON with Content-Type: application/json", problem.GetProperty("detail").GetString());
        Assert.Equal("send the body as JSON with Content-Type: application/json", FieldError(problem, "body"));
    }

    [Fact]
    public async Task Nobody_without_the_admin_key_can_report_an_outcome()
    {
        await using var host = await ApiHost.StartAsync(export);
        var answer = await (await Post(host, "/api/predict/advanced", $$"""{"track_id": "{{KnownTrack}}"}""")).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var body = $$"""{"prediction_id": "{{answer.GetProperty("prediction_id").GetString()}}", "skipped": true}""";

        await AssertProblem(await Post(host, "/api/outcomes", body), HttpStatusCode.Unauthorized, "X-Api-Key");
        await AssertProblem(await Post(host, "/api/outcomes", body, "not-the-key"), HttpStatusCode.Unauthorized, "X-Api-Key");
        await host.WaitUntilStoredAsync(1);
        Assert.Null((await host.Services.GetRequiredService<IPredictionStore>().FindAsync(answer.GetProperty("prediction_id").GetString()!, TestContext.Current.CancellationToken))!.Outcome);

        Assert.Equal(HttpStatusCode.NoContent, (await Post(host, "/api/outcomes", body, ApiHost.AdminKey)).StatusCode);
        await host.WaitUntilStoredAsync(2);
        Assert.True((await host.Services.GetRequiredService<IPredictionStore>().FindAsync(answer.GetProperty("prediction_id").GetString()!, TestContext.Current.CancellationToken))!.Outcome!.Skipped);
    }

    [Fact]
    public async Task Random_assigns_each_listener_stickily_and_reports_outcomes_per_variant()
    {
        await using var host = await ApiHost.StartAsync(export);
        var variants = new Dictionary<long, string>();
        var correct = new Dictionary<string, int> { ["A"] = 0, ["B"] = 0 };
        foreach (var round in new[] { 1, 2 })
        {
            for (var user = 1; user <= 120; user++)
            {
                var answer = await (await Post(host, "/api/predict/random", $$"""{"track_id": "{{KnownTrack}}", "user_id": {{user}}}""")).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
                var variant = answer.GetProperty("variant").GetString()!;
                Assert.Equal("user", answer.GetProperty("assignment").GetString());
                Assert.Equal(variant == "A" ? "advanced" : "simple", answer.GetProperty("model").GetString());
                if (round == 1)
                {
                    variants[user] = variant;
                    var skipped = user % 3 == 0;
                    correct[variant] += answer.GetProperty("skipped").GetBoolean() == skipped ? 1 : 0;
                    var report = await Post(host, "/api/outcomes", $$"""{"prediction_id": "{{answer.GetProperty("prediction_id").GetString()}}", "skipped": {{(skipped ? "true" : "false")}}}""", ApiHost.AdminKey);
                    Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
                }
                else
                {
                    Assert.Equal(variants[user], variant);
                }
            }
        }
        Assert.All(variants, v => Assert.Equal(new[] { "A", "B" }[StickyAssignment.Choose("http-ab", v.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), [1.0, 1.0])], v.Value));
        var anonymous = await (await Post(host, "/api/predict/random", $$"""{"track_id": "{{KnownTrack}}"}""")).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("request", anonymous.GetProperty("assignment").GetString());

        await host.WaitUntilStoredAsync(241 + 120);
        var experiment = await host.Client.GetFromJsonAsync<JsonElement>("/api/experiments/http-ab", TestContext.Current.CancellationToken);
        var reported = experiment.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(["A", "B"], reported.Select(v => v.GetProperty("variant").GetString()));
        Assert.Equal(241, reported.Sum(v => v.GetProperty("assignments").GetInt32()));
        Assert.Equal(120, reported.Sum(v => v.GetProperty("outcomes").GetInt32()));
        Assert.All(reported, v => Assert.Equal(variants.Count(x => x.Value == v.GetProperty("variant").GetString()), v.GetProperty("outcomes").GetInt32()));
        Assert.False(experiment.GetProperty("sample_ratio").GetProperty("mismatch").GetBoolean());

        // The comparison must rest on the outcomes this test reported against the predictions it was given.
        var outcomes = reported.ToDictionary(v => v.GetProperty("variant").GetString()!, v => v.GetProperty("outcomes").GetInt32());
        Assert.All(reported, v => Assert.Equal((double)correct[v.GetProperty("variant").GetString()!] / outcomes[v.GetProperty("variant").GetString()!],
            v.GetProperty("accuracy").GetDouble(), 12));
        var comparison = experiment.GetProperty("comparison");
        var (z, p) = ExperimentStatistics.TwoProportions(correct["A"], outcomes["A"], correct["B"], outcomes["B"]);
        Assert.Equal(z, comparison.GetProperty("z").GetDouble(), 12);
        Assert.Equal(p, comparison.GetProperty("p_value").GetDouble(), 12);
        var expectedVerdict = p >= ExperimentReporter.Significance ? "not yet significant" : z > 0 ? "A better" : "B better";
        Assert.Equal(expectedVerdict, comparison.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Ten_thousand_listeners_keep_their_variant_on_every_call_and_split_by_the_weights()
    {
        const int listeners = 10_000;
        await using var host = await ApiHost.StartAsync(export);
        var first = new string[listeners + 1];
        var second = new string[listeners + 1];
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var user = Interlocked.Increment(ref next); user <= listeners; user = Interlocked.Increment(ref next))
            {
                foreach (var answers in new[] { first, second })
                {
                    var response = await Post(host, "/api/predict/random", $$"""{"track_id": "{{KnownTrack}}", "user_id": {{user}}}""");
                    answers[user] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("variant").GetString()!;
                }
            }
        })));

        Assert.All(Enumerable.Range(1, listeners), user => Assert.Equal(first[user], second[user]));
        var shareA = first.Skip(1).Count(v => v == "A") / (double)listeners;
        Assert.InRange(shareA, 0.5 - 4 * Math.Sqrt(0.25 / listeners), 0.5 + 4 * Math.Sqrt(0.25 / listeners));
        await host.WaitUntilStoredAsync(2 * listeners);
        var experiment = await host.Client.GetFromJsonAsync<JsonElement>("/api/experiments/http-ab", TestContext.Current.CancellationToken);
        Assert.Equal(2 * listeners, experiment.GetProperty("variants").EnumerateArray().Sum(v => v.GetProperty("assignments").GetInt32()));
        Assert.False(experiment.GetProperty("sample_ratio").GetProperty("mismatch").GetBoolean());
    }

    [Fact]
    public async Task Promotion_needs_the_api_key_and_a_new_version_is_served_without_restart_while_requests_keep_succeeding()
    {
        await using var host = await ApiHost.StartAsync(export);
        var promote = """{"version": "v2"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(host, "/api/models/advanced/promote", promote)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(host, "/api/models/advanced/promote", promote, apiKey: "wrong")).StatusCode);

        using var stop = new CancellationTokenSource();
        var versions = new System.Collections.Concurrent.ConcurrentBag<string>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await Post(host, "/api/predict/advanced", $$"""{"track_id": "{{KnownTrack}}"}""");
                if (response.StatusCode != HttpStatusCode.OK)
                    failures.Add(response.StatusCode);
                else
                    versions.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString()!);
            }
        })).ToList();

        DropInVersion(host.ModelsDirectory, "advanced", "v1", "v2");
        await RunningProcessor.WaitUntilAsync(async () => (await host.Client.GetStringAsync("/api/models")).Contains("\"v2\"", StringComparison.Ordinal), "v2 is loaded", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await Post(host, "/api/models/advanced/promote", promote, ApiHost.AdminKey)).StatusCode);
        await RunningProcessor.WaitUntilAsync(() => Task.FromResult(versions.Contains("v2")), "requests are served by v2", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await Post(host, "/api/models/advanced/promote", """{"version": "v1"}""", ApiHost.AdminKey)).StatusCode);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.Equal("v1", (await (await Post(host, "/api/predict/advanced", $$"""{"track_id": "{{KnownTrack}}"}""")).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("version").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Post(host, "/api/models/advanced/promote", """{"version": "v7"}""", ApiHost.AdminKey)).StatusCode);
    }

    [Fact]
    public async Task Randomly_generated_json_bodies_never_produce_a_server_error()
    {
        await using var host = await ApiHost.StartAsync(export);
        var random = new Random(20261128);
        string[] paths = ["/api/predict/advanced", "/api/predict/random", "/api/predict/batch", "/api/outcomes", "/api/models/advanced/promote"];
        for (var i = 0; i < 400; i++)
        {
            var body = RandomJson.Body(random, KnownTrack);
            var path = paths[i % paths.Length];
            var response = await Post(host, path, body, i % 2 == 0 ? ApiHost.AdminKey : null);
            Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode} to {body}");
        }
    }

    /// <summary>Copies a bundle to a new version, as the Trainer would write one: its manifest names the new version and a later creation time.</summary>
    private static void DropInVersion(string models, string name, string from, string to)
    {
        var source = Path.Combine(models, name, from);
        var staging = Path.Combine(models, $".staging-{to}");
        Directory.CreateDirectory(staging);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
        var manifestPath = Path.Combine(staging, Listening.Model.ModelBundle.ManifestFile);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["version"] = to;
        manifest["created_at"] = DateTime.UtcNow.ToString("O");
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        Directory.Move(staging, Path.Combine(models, name, to));
    }

    private static async Task<HttpResponseMessage> Post(ApiHost host, string path, string json, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
            request.Headers.Add(AdminKey.Header, apiKey);
        return await host.Client.SendAsync(request);
    }

    private static string FieldError(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"no errors in {problem.GetRawText()}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field} in {errors.GetRawText()}");
        return string.Join(" | ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string mentions)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(mentions, problem.GetRawText(), StringComparison.Ordinal);
        return problem;
    }
}
