using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// A prediction that could not be logged is not answered: every answered prediction must be in the log for
/// evaluation. The client gets 503 with a Retry-After and can simply ask again.
/// </summary>
public sealed class UnavailableLogHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PredictionLogUnavailableException unavailable)
            return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        var problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Prediction log unavailable", Detail = unavailable.Message };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
