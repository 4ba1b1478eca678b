using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Api;

public static class OutcomeEndpoints
{
    /// <summary>
    /// <c>POST /api/outcomes</c>: the real outcome of a prediction the client asked for (admin key required),
    /// recorded on the predictions topic like every other outcome.
    /// </summary>
    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Outcomes").MapPost("/outcomes", Report);
        return routes;
    }

    private static async Task<IResult> Report(OutcomeReport? report, [FromHeader(Name = AdminKey.Header)] string? apiKey, IPredictionStore store,
        RecentPredictions recent, PredictionLog log, LiveEvaluation live, IOptions<ApiOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (AdminKey.Refuse(apiKey, options.Value, "reporting outcomes") is { } refused)
            return refused;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(report?.PredictionId))
            errors["prediction_id"] = ["prediction_id is required"];
        if (report?.Skipped is null)
            errors["skipped"] = ["skipped (true or false) is required"];
        if (report?.SecondsPlayed is < 0 or double.NaN)
            errors["seconds_played"] = ["seconds_played cannot be negative"];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if ((recent.Find(report!.PredictionId!) ?? await store.FindAsync(report.PredictionId!, cancellationToken)) is not { } prediction)
            return Problems.NotFound("Unknown prediction", $"no prediction '{report.PredictionId}' was logged");

        var inputs = prediction.Inputs;
        PlayOutcome outcome = new(prediction.PredictionId, inputs.SessionId ?? 0, inputs.UserId ?? 0, inputs.TrackId,
            report.Skipped!.Value, false, report.SecondsPlayed ?? 0, prediction.EventTime, clock.GetUtcNow().UtcDateTime, PlayClosedBy.Reported);
        await log.RecordAsync([PredictionLogEntry.Of(outcome)], cancellationToken);
        live.Observe([], [outcome]);
        return TypedResults.NoContent();
    }
}
