// The stream processor host. The Kafka consumer, scoring and cache hints arrive with issue #4 and the
// prediction API with issue #5; until then the host only answers liveness.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.Run();
