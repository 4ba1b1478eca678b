using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// The last <see cref="Capacity"/> predictions this process answered over HTTP, so an outcome reported right after
/// its prediction is accepted before the outcome sink has stored the prediction. Older ones are found in the store.
/// </summary>
public sealed class RecentPredictions
{
    public const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PredictionRecord> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Remember(IEnumerable<PredictionRecord> predictions)
    {
        lock (_gate)
        {
            foreach (var prediction in predictions)
            {
                if (_byId.Count >= Capacity && _order.TryDequeue(out var oldest))
                    _byId.Remove(oldest);
                _byId[prediction.PredictionId] = prediction;
                _order.Enqueue(prediction.PredictionId);
            }
        }
    }

    public PredictionRecord? Find(string predictionId)
    {
        lock (_gate)
            return _byId.GetValueOrDefault(predictionId);
    }

    /// <summary>Forgets one listener's predictions and returns their ids (an erasure must also reach those not stored yet).</summary>
    public IReadOnlyList<string> Forget(long userId)
    {
        lock (_gate)
        {
            var ids = _byId.Values.Where(p => p.Inputs.UserId == userId).Select(p => p.PredictionId).ToList();
            foreach (var id in ids)
                _byId.Remove(id);
            return ids;
        }
    }
}
