using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>What the service erases about one listener on request.</summary>
public sealed record ErasureResponse(long UserId, int Predictions);

public static class ListenerEndpoints
{
    /// <summary>
    /// <c>DELETE /api/listeners/{id}/predictions</c> (admin key): every prediction and outcome recorded for the
    /// listener is erased through the predictions topic, like every other write: a tombstone per record, acknowledged
    /// before the answer; compaction drops the records from the topic and the outcome sink deletes them from the
    /// store. 202: the store follows within the sink's lag.
    /// </summary>
    public static IEndpointRouteBuilder MapListeners(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/listeners").WithTags("Listeners").MapDelete("/{id:long}/predictions", Erase);
        return routes;
    }

    private static async Task<IResult> Erase(long id, [FromHeader(Name = AdminKey.Header)] string? apiKey, IPredictionStore store,
        RecentPredictions recent, PredictionLog log, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (AdminKey.Refuse(apiKey, options.Value, "erasing a listener's predictions") is { } refused)
            return refused;
        var ids = new HashSet<string>(recent.Forget(id), StringComparer.Ordinal);
        await foreach (var record in store.ReadAsync(new PredictionQuery(UserId: id), cancellationToken))
            ids.Add(record.PredictionId);
        await log.EraseAsync(ids, cancellationToken);
        return TypedResults.Accepted((string?)null, new ErasureResponse(id, ids.Count));
    }
}
