using System.Diagnostics;
using System.Text;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>Closed-loop HTTP load: a fixed number of clients, each sending its next request when the last one answered.</summary>
public static class HttpBenchmark
{
    /// <summary>Load run untimed first: the JIT recompiles the request path optimized only after it has run for a while.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public sealed record Result(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, int Failures);

    public static async Task<Result> RunAsync(Uri baseAddress, HttpMethod method, string path, string? json, int clients, TimeSpan duration)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        await Load(http, method, path, json, clients, WarmUp);
        return await Load(http, method, path, json, clients, duration);
    }

    private static async Task<Result> Load(HttpClient http, HttpMethod method, string path, string? json, int clients, TimeSpan duration)
    {
        var latencies = new List<double>[clients];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            latencies[client] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await Send(http, method, path, json);
                latencies[client].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref failures);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length / clock.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], failures);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? json) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") });
}
