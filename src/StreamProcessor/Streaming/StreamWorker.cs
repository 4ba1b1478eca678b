using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// The hosted stream worker: its <see cref="StreamingOptions.Threads"/> stream threads are made with it (so a model a
/// variant needs and does not find stops the start), and run, each on a dedicated thread with its own consumer and
/// tasks, once the changelog topic is there. A thread that fails stops the host; a stop gives what is unacknowledged
/// <see cref="StreamingOptions.ShutdownDrainTimeout"/> to be acknowledged.
/// </summary>
public sealed class StreamWorker(IServiceProvider services, ChangelogTopic changelogTopic, BatchSender sender, IOptions<StreamingOptions> streaming)
    : BackgroundService
{
    private readonly List<StreamThread> _threads =
        [.. Enumerable.Range(0, streaming.Value.Threads).Select(i => ActivatorUtilities.CreateInstance<StreamThread>(services, i))];

    public override void Dispose()
    {
        base.Dispose();
        _threads.ForEach(t => t.Dispose());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var whenStopping = stoppingToken.Register(() => sender.DrainWithin(streaming.Value.ShutdownDrainTimeout));
        await changelogTopic.WaitUntilReadyAsync(stoppingToken);
        var running = _threads.ConvertAll(thread =>
            Task.Factory.StartNew(() => thread.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        await await Task.WhenAny(running);
        await Task.WhenAll(running);
    }
}
