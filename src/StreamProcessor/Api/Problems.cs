using Microsoft.AspNetCore.Http.HttpResults;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>RFC 7807 answers for the cases every endpoint shares.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string title, string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "The request is not valid");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult UnknownModel(string reference) =>
        NotFound("Unknown model", $"no model '{reference}' is loaded; GET /api/models lists them");

    /// <summary>
    /// ASP.NET answers a body of the wrong content type (415) or over the size limit (413) with a bare status;
    /// say what the server takes, in the same <c>errors</c> shape as every other rejected body.
    /// </summary>
    public static void ExplainBodyRejection(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var explanation = problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => "send the body as JSON with Content-Type: application/json",
            StatusCodes.Status413PayloadTooLarge => "the body is larger than this server accepts (Api:MaxRequestBodyBytes)",
            _ => null,
        };
        if (explanation is null || problem.Detail is not null)
            return;
        problem.Detail = explanation;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [UnreadableRequestHandler.BodyField] = [explanation] };
    }

    public static ProblemHttpResult UnknownTracks(IReadOnlyList<string> trackIds) =>
        NotFound("Unknown track", $"the catalog has no track {string.Join(", ", trackIds.Select(id => $"'{id}'"))}");
}
