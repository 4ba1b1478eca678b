using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Writes of one kind, for tests; the processor writes through the outcome sink, predictions and outcomes together.</summary>
public static class PredictionStoreWrites
{
    public static Task SavePredictionsAsync(this IPredictionStore store, IReadOnlyCollection<PredictionRecord> predictions, CancellationToken cancellationToken = default) =>
        store.SaveAsync(predictions, [], cancellationToken);

    public static Task SaveOutcomesAsync(this IPredictionStore store, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken = default) =>
        store.SaveAsync([], outcomes, cancellationToken);
}
