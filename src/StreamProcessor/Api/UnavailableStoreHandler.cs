using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// An endpoint that must read the store (erasing a listener, an outcome for an old prediction, metrics for a time
/// window) while the store is out of reach answers 503 with a Retry-After, not 500: nothing is wrong with the
/// request, and asking again once the store is back succeeds.
/// </summary>
public sealed class UnavailableStoreHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (LiteDB.LiteException or MongoDB.Driver.MongoException or TimeoutException or IOException))
            return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Store unavailable",
            Detail = "the prediction store could not be read; ask again shortly",
        };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
