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

    public static ProblemHttpResult UnknownTracks(IReadOnlyList<string> trackIds) =>
        NotFound("Unknown track", $"the catalog has no track {string.Join(", ", trackIds.Select(id => $"'{id}'"))}");
}
