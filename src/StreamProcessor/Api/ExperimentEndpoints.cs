using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Experiments;

namespace Pozytywka.StreamProcessor.Api;

public static class ExperimentEndpoints
{
    /// <summary><c>GET /api/experiments/{id}</c>: the HTTP A/B experiment or the stream's, per variant, with the SRM check and a verdict.</summary>
    public static IEndpointRouteBuilder MapExperiments(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/experiments").WithTags("Experiments").MapGet("/{id}", Report);
        return routes;
    }

    private static async Task<IResult> Report(string id, ExperimentReporter reporter, IOptions<ApiOptions> api, ScoringExperiment stream, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string, double)>? variants =
            id == api.Value.ExperimentId ? api.Value.EffectiveVariants.Select(v => (v.Name, v.Weight)).ToList()
            : id == stream.Id ? stream.Variants.Select(v => (v.Name, v.Weight)).ToList()
            : null;
        if (variants is null)
            return Problems.NotFound("Unknown experiment", $"no experiment '{id}'; the HTTP one is '{api.Value.ExperimentId}', the stream's '{stream.Id}'");
        return TypedResults.Ok(await reporter.ReportAsync(id, variants, cancellationToken));
    }
}
