using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>DELETE /api/listeners/{id}/predictions over real HTTP: through the predictions topic into the real store file.</summary>
[Collection(TrainedExportGroup.Name)]
public class ListenerErasureTests(TrainedExport export)
{
    [Fact]
    public async Task One_listeners_predictions_and_outcomes_are_erased_with_the_admin_key_and_nobody_elses()
    {
        await using var host = await ApiHost.StartAsync(export);
        var store = host.Services.GetRequiredService<IPredictionStore>();
        var erased = new List<string>();
        for (var i = 0; i < 3; i++)
            erased.Add(await Predict(host, 4242));
        var kept = new[] { await Predict(host, 4343), await Predict(host, 4343) };
        Assert.Equal(HttpStatusCode.NoContent, (await Send(host, HttpMethod.Post, "/api/outcomes", $$"""{"prediction_id": "{{erased[0]}}", "skipped": true}""", ApiHost.AdminKey)).StatusCode);
        await host.WaitUntilStoredAsync(6);
        erased.Add(await Predict(host, 4242)); // answered, perhaps not stored yet

        var refused = await Send(host, HttpMethod.Delete, "/api/listeners/4242/predictions", null, "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, (await ReadAll(store, 4242)).Count + (await store.FindAsync(erased[^1], TestContext.Current.CancellationToken) is null ? 1 : 0));

        var accepted = await Send(host, HttpMethod.Delete, "/api/listeners/4242/predictions", null, ApiHost.AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var answer = await accepted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(4, answer.GetProperty("predictions").GetInt32());

        await RunningProcessor.WaitUntilAsync(async () => (await ReadAll(store, 4242)).Count == 0 && await store.FindAsync(erased[^1]) is null,
            "the sink erased listener 4242", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // a late write of the last prediction would show now
        Assert.Empty(await ReadAll(store, 4242));
        foreach (var id in erased)
            Assert.Null(await store.FindAsync(id, TestContext.Current.CancellationToken));
        Assert.Equal(kept.Order(), (await ReadAll(store, 4343)).Select(r => r.PredictionId).Order());
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_gets_503_with_retry_after_as_problem_details_not_500()
    {
        await using var host = await ApiHost.StartAsync(export, builder => builder.Services.AddSingleton<IPredictionStore, UnreadableStore>());

        var answer = await Send(host, HttpMethod.Delete, "/api/listeners/4242/predictions", null, ApiHost.AdminKey);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", answer.Headers.RetryAfter?.ToString());
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Store unavailable", problem.GetProperty("title").GetString());
    }

    /// <summary>A store whose reads fail as LiteDB's do when its file cannot be read; writes are taken and dropped.</summary>
    private sealed class UnreadableStore : IPredictionStore
    {
        public Task SaveAsync(IReadOnlyCollection<Contracts.PredictionRecord> predictions, IReadOnlyCollection<Contracts.PlayOutcome> outcomes,
            CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<Contracts.PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken = default) =>
            Task.FromException<Contracts.PredictionRecord?>(new IOException("store file unreadable (simulated)"));

        public IAsyncEnumerable<Contracts.PredictionRecord> ReadAsync(PredictionQuery query, CancellationToken cancellationToken = default) =>
            throw new IOException("store file unreadable (simulated)");

        public Task DeleteAsync(IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<long> DeletePredictedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public void Dispose()
        {
        }
    }

    private async Task<string> Predict(ApiHost host, long userId)
    {
        var track = export.Catalog.Tracks.Keys.Order(StringComparer.Ordinal).First();
        var response = await Send(host, HttpMethod.Post, "/api/predict/advanced", $$"""{"track_id": "{{track}}", "user_id": {{userId}}}""", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("prediction_id").GetString()!;
    }

    private static async Task<List<Contracts.PredictionRecord>> ReadAll(IPredictionStore store, long userId)
    {
        var records = new List<Contracts.PredictionRecord>();
        await foreach (var record in store.ReadAsync(new PredictionQuery(UserId: userId)))
            records.Add(record);
        return records;
    }

    private static async Task<HttpResponseMessage> Send(ApiHost host, HttpMethod method, string path, string? json, string? apiKey)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
            request.Headers.Add(AdminKey.Header, apiKey);
        return await host.Client.SendAsync(request);
    }
}
