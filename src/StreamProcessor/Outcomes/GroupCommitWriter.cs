using Pozytywka.Contracts;

namespace Pozytywka.StreamProcessor.Outcomes;

/// <summary>
/// Group commit in front of a store: one write runs at a time, and everything that arrives meanwhile goes into
/// the next write together. Each caller's task completes when a write containing its records is durable. The
/// store then sees fewer, larger writes exactly when it is the bottleneck, and writes never overlap, so a
/// play's prediction always lands before its outcome. A caller's cancellation only stops that caller waiting:
/// the write it joined belongs to every caller in it (an HTTP client hanging up must not cancel the stream's
/// records), and the store's own timeout bounds it.
/// </summary>
public sealed class GroupCommitWriter(IPredictionStore store)
{
    private readonly Lock _gate = new();
    private List<PendingWrite> _pending = [];
    private bool _writing;

    public Task WriteAsync(IReadOnlyCollection<PredictionRecord> predictions, IReadOnlyCollection<PlayOutcome> outcomes, CancellationToken cancellationToken)
    {
        var write = new PendingWrite(predictions, outcomes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _pending.Add(write);
            if (!_writing)
            {
                _writing = true;
                _ = Task.Run(WritePendingAsync, CancellationToken.None);
            }
        }
        return write.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WritePendingAsync()
    {
        while (true)
        {
            List<PendingWrite> taken;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (taken, _pending) = (_pending, []);
            }
            try
            {
                await store.SaveAsync(taken.SelectMany(w => w.Predictions).ToList(), taken.SelectMany(w => w.Outcomes).ToList(), CancellationToken.None);
                taken.ForEach(w => w.Done.SetResult());
            }
            catch (Exception e)
            {
                taken.ForEach(w => w.Done.SetException(e));
            }
        }
    }

    private sealed record PendingWrite(IReadOnlyCollection<PredictionRecord> Predictions, IReadOnlyCollection<PlayOutcome> Outcomes, TaskCompletionSource Done);
}
