using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.State;

namespace Pozytywka.StreamProcessor.Streaming;

/// <summary>
/// The hosted stream worker: once the changelog topic is there, runs <see cref="StreamingOptions.Threads"/> stream
/// threads, each on a dedicated thread with its own consumer and tasks. A thread that fails stops the host; a stop
/// gives what is unacknowledged <see cref="StreamingOptions.ShutdownDrainTimeout"/> to be acknowledged.
/// </summary>
public sealed class StreamWorker(IServiceProvider services, ChangelogTopic changelogTopic, BatchSender sender, IOptions<StreamingOptions> streaming)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var whenStopping = stoppingToken.Register(() => sender.DrainWithin(streaming.Value.ShutdownDrainTimeout));
        await changelogTopic.WaitUntilReadyAsync(stoppingToken);
        var threads = Enumerable.Range(0, streaming.Value.Threads).Select(i => ActivatorUtilities.CreateInstance<StreamThread>(services, i)).ToList();
        try
        {
            var running = threads.ConvertAll(thread =>
                Task.Factory.StartNew(() => thread.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            await await Task.WhenAny(running);
            await Task.WhenAll(running);
        }
        finally
        {
            threads.ForEach(t => t.Dispose());
        }
    }
}
