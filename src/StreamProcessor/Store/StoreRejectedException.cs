namespace Pozytywka.StreamProcessor.Store;

/// <summary>
/// The store refuses one play's document for good (an id too long to index, a document too large): writing it again
/// cannot succeed, so the writer passes over it instead of retrying. Nothing of the batch was written.
/// </summary>
public sealed class StoreRejectedException(string predictionId, string reason, Exception? inner = null)
    : Exception($"the store refuses play {predictionId}: {reason}", inner)
{
    public string PredictionId { get; } = predictionId;

    public string Reason { get; } = reason;
}
