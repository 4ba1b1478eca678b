using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.StreamProcessor.Models;

namespace Pozytywka.StreamProcessor.Api;

public static class PredictionEndpoints
{
    /// <summary><c>POST /api/predict/{model}</c>, <c>/api/predict/random</c> (sticky A/B) and <c>/api/predict/batch</c>.</summary>
    public static IEndpointRouteBuilder MapPredictions(this IEndpointRouteBuilder routes)
    {
        var predict = routes.MapGroup("/api/predict").WithTags("Predictions");
        predict.MapPost("/random", PredictRandom);
        predict.MapPost("/batch", PredictBatch);
        predict.MapPost("/{model}", PredictOne);
        return routes;
    }

    private static async Task<IResult> PredictOne(string model, PredictionRequest? request, ModelRegistry registry, PredictionService service,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (Check(request, options.Value) is { } invalid)
            return invalid;
        if (registry.Find(model) is not { } loaded)
            return Problems.UnknownModel(model);
        if (service.UnknownTracks([request!]) is { Count: > 0 } unknown)
            return Problems.UnknownTracks(unknown);
        return TypedResults.Ok((await service.PredictAsync(loaded, [request!], null, cancellationToken))[0]);
    }

    private static async Task<IResult> PredictRandom(PredictionRequest? request, ModelRegistry registry, PredictionService service,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (Check(request, options.Value) is { } invalid)
            return invalid;
        var (unit, unitId) = request!.UserId is { } user ? ("user", user.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : request.SessionId is { } session ? ("session", $"session-{session}")
            : ("request", Guid.NewGuid().ToString("N"));
        var variants = options.Value.EffectiveVariants;
        var variant = variants[StickyAssignment.Choose(options.Value.ExperimentId, unitId, variants.Select(v => v.Weight).ToList())];
        if (registry.Find(variant.Model) is not { } loaded)
            return TypedResults.Problem($"variant {variant.Name} scores with '{variant.Model}', which is not loaded", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Variant unavailable");
        if (service.UnknownTracks([request]) is { Count: > 0 } unknown)
            return Problems.UnknownTracks(unknown);
        var assignment = new VariantAssignment(options.Value.ExperimentId, variant.Name, unit);
        return TypedResults.Ok((await service.PredictAsync(loaded, [request], assignment, cancellationToken))[0]);
    }

    private static async Task<IResult> PredictBatch(BatchPredictionRequest? batch, ModelRegistry registry, PredictionService service,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (batch?.Items is not { Count: > 0 } items)
            return Problems.Invalid("items", "items must list at least one prediction request");
        if (items.Count > options.Value.MaxBatchItems)
            return Problems.Invalid("items", $"at most {options.Value.MaxBatchItems} items per batch");
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (field, messages) in items[i]?.Validate(options.Value, $"items[{i}].") ?? new() { [$"items[{i}]"] = ["an object is required"] })
                errors[field] = messages;
        }
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var reference = batch.Model ?? "advanced";
        if (registry.Find(reference) is not { } loaded)
            return Problems.UnknownModel(reference);
        if (service.UnknownTracks(items!) is { Count: > 0 } unknown)
            return Problems.UnknownTracks(unknown);
        return TypedResults.Ok(new BatchPredictionResponse(await service.PredictAsync(loaded, items!, null, cancellationToken)));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? Check(PredictionRequest? request, ApiOptions options) =>
        request is null ? Problems.Invalid("body", "a JSON object with at least track_id is required")
        : request.Validate(options) is { Count: > 0 } errors ? Problems.Invalid(errors)
        : null;
}
