using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Api;

public static class OnlineMetricsEndpoints
{
    /// <summary>
    /// <c>GET /api/online-metrics?model=&amp;version=&amp;since=</c>: predicted vs actual skips per model version and
    /// variant. Without <c>since</c> it answers from this process's live figures (no store read); with it, from the
    /// store's records of predictions made since then.
    /// </summary>
    public static IEndpointRouteBuilder MapOnlineMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Online evaluation")
            .MapGet("/online-metrics", async (LiveEvaluation live, OnlineEvaluator evaluator, string? model, string? version, DateTime? since,
                CancellationToken cancellationToken) => since is null
                    ? live.Report(model, version)
                    : await evaluator.EvaluateAsync(new PredictionQuery(model, version, since.Value.ToUniversalTime()), cancellationToken));
        return routes;
    }
}
