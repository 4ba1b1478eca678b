using Confluent.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// The least a prediction endpoint can do when every answer must first be logged: a bare web app (none of the
/// processor's middleware) whose one endpoint sends a record like a prediction's to the broker with the prediction
/// log's producer settings and answers once it is acknowledged. No features, no model. What it reaches bounds what
/// <c>POST /api/predict</c> can reach on the same machine.
/// </summary>
public sealed class LoggingEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ReliableProducer _producer;

    private LoggingEndpoint(WebApplication app, ReliableProducer producer) => (_app, _producer) = (app, producer);

    public Uri BaseAddress => new(_app.Urls.First());

    public static async Task<LoggingEndpoint> StartAsync(string bootstrapServers, string topic)
    {
        var producer = AcknowledgementLatency.NewProducer(bootstrapServers);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var value = new byte[400];
        var sent = 0L;
        app.MapPost("/log", async () =>
        {
            var key = BitConverter.GetBytes(Interlocked.Increment(ref sent));
            await producer.ProduceAsync(new Outgoing(topic, new Message<byte[]?, byte[]?> { Key = key, Value = value }));
            return Results.Text("""{"logged": true}""", "application/json");
        });
        await app.StartAsync();
        return new LoggingEndpoint(app, producer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _producer.Dispose();
    }
}
