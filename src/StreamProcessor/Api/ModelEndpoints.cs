using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Models;

namespace Pozytywka.StreamProcessor.Api;

public static class ModelEndpoints
{
    /// <summary><c>GET /api/models</c> and <c>POST /api/models/{name}/promote</c> (promotion and rollback alike).</summary>
    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/models").WithTags("Models");
        models.MapGet("/", (ModelRegistry registry) => TypedResults.Ok(Summaries(registry.Current)));
        models.MapPost("/{name}/promote", Promote);
        return routes;
    }

    private static IResult Promote(string name, PromotionRequest? request, [FromHeader(Name = AdminKey.Header)] string? apiKey,
        ModelRegistry registry, IOptions<ApiOptions> options)
    {
        if (AdminKey.Refuse(apiKey, options.Value, "promotion") is { } refused)
            return refused;
        if (string.IsNullOrWhiteSpace(request?.Version))
            return Problems.Invalid("version", "version is required");
        if (!registry.Promote(name, request.Version))
            return Problems.UnknownModel($"{name}@{request.Version}");
        return TypedResults.Ok(Summaries(registry.Current).Single(m => m.Name == name && m.Version == request.Version));
    }

    private static List<ModelSummary> Summaries(ModelRegistry.Snapshot snapshot) =>
        snapshot.ByLabel.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal)
            .Select(m => new ModelSummary(m.Name, m.Version, snapshot.IsChampion(m), m.LoadedAt,
                m.Metrics is { } x ? new ModelMetricsSummary(x.Plays, x.Accuracy, x.MajorityAccuracy, x.Auc, x.LogLoss) : null))
            .ToList();
}
