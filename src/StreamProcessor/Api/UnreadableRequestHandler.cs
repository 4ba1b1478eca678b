using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// A request the endpoints could not even read — malformed JSON, a value of the wrong type — answered as a
/// validation problem that names the field and says what was expected, instead of a bare "Bad Request". Needs
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c>, so that binding failures reach the exception handler with their
/// cause. (A wrong content type or an oversized body is answered without an exception: see
/// <see cref="Problems.ExplainBodyRejection"/>.)
/// </summary>
public sealed partial class UnreadableRequestHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public const string BodyField = "body";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException unreadable)
            return false;
        var (field, message) = Describe(unreadable);
        httpContext.Response.StatusCode = unreadable.StatusCode;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = unreadable.StatusCode,
            Title = "The request is not valid",
            Detail = message,
        };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static (string Field, string Message) Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json ? DescribeJson(json) : (BodyField, exception.Message);

    private static (string Field, string Message) DescribeJson(JsonException json)
    {
        var field = FieldOf(json.Path);
        var position = json.LineNumber is { } line && json.BytePositionInLine is { } column
            ? $" (line {line + 1}, byte {column + 1})"
            : "";
        var converted = ConversionTarget().Match(json.Message);
        if (converted.Success)
            return (field, $"{field} must be {Expected(converted.Groups["type"].Value)}{position}");
        // For a syntax error the reader's path is where it gave up, not a field the client got wrong.
        var reason = json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
        return (BodyField, $"the body is not valid JSON: {reason}{position}");
    }

    /// <summary><c>$.items[2].user_id</c> becomes <c>items[2].user_id</c>; the document itself is the body.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? BodyField : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("System.Double", StringComparison.Ordinal) => "a number",
        _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("List`1[System.String]", StringComparison.Ordinal) => "an array of strings",
        _ when type.Contains("List`1", StringComparison.Ordinal) => "an array",
        "System.String" => "a string",
        _ => "an object",
    };

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.(\s|$)")]
    private static partial Regex ConversionTarget();
}
