using System.Threading.Channels;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.StreamProcessor.Concurrency;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// Dynamic batching, as inference servers do it: requests that arrive while a forward pass runs are scored together
/// in the next one, per scorer, so concurrent clients share the model's fixed cost instead of queueing on its lock.
/// A lone request waits for nothing: it is scored as soon as the loop picks it up.
/// </summary>
public sealed class DynamicBatcher : IAsyncDisposable
{
    /// <summary>Rows one forward pass takes at most.</summary>
    public const int MaxRows = 256;

    private readonly Handoff<Pending> _queue;

    public DynamicBatcher() => _queue = new Handoff<Pending>(ScoreAsync);

    public Task<double[]> ScoreAsync(SkipScorer scorer, IReadOnlyList<PlayToScore> plays, IReadOnlyList<IReadOnlyList<string>?> favouriteGenres)
    {
        var pending = new Pending(scorer, plays, favouriteGenres, new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Add(pending);
        return pending.Scored.Task;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private static async Task ScoreAsync(ChannelReader<Pending> queue)
    {
        var taken = new List<Pending>();
        while (await queue.WaitToReadAsync())
        {
            var rows = 0;
            while (rows < MaxRows && queue.TryRead(out var pending))
            {
                taken.Add(pending);
                rows += pending.Plays.Count;
            }
            foreach (var group in taken.GroupBy(p => p.Scorer))
                ScoreTogether(group.Key, group.ToList());
            taken.Clear();
        }
    }

    private static void ScoreTogether(SkipScorer scorer, List<Pending> requests)
    {
        try
        {
            var scores = scorer.Score(requests.SelectMany(r => r.Plays).ToList(), requests.SelectMany(r => r.FavouriteGenres).ToList());
            var offset = 0;
            foreach (var request in requests)
            {
                request.Scored.SetResult(scores[offset..(offset + request.Plays.Count)]);
                offset += request.Plays.Count;
            }
        }
        catch (Exception e)
        {
            requests.ForEach(r => r.Scored.TrySetException(e));
        }
    }

    private sealed record Pending(SkipScorer Scorer, IReadOnlyList<PlayToScore> Plays, IReadOnlyList<IReadOnlyList<string>?> FavouriteGenres,
        TaskCompletionSource<double[]> Scored);
}
