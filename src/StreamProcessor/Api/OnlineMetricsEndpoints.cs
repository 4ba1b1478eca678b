using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Outcomes;

namespace Pozytywka.StreamProcessor.Api;

public static class OnlineMetricsEndpoints
{
    /// <summary><c>GET /api/online-metrics?model=&amp;version=&amp;since=</c>: predicted vs actual skips per model version and variant.</summary>
    public static IEndpointRouteBuilder MapOnlineMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Online evaluation")
            .MapGet("/online-metrics", (OnlineEvaluator evaluator, string? model, string? version, DateTime? since, CancellationToken cancellationToken) =>
                evaluator.EvaluateAsync(new PredictionQuery(model, version, since?.ToUniversalTime()), cancellationToken));
        return routes;
    }
}
