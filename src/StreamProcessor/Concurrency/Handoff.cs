using System.Threading.Channels;

namespace Pozytywka.StreamProcessor.Concurrency;

/// <summary>
/// A queue drained by one loop of its own, in the order items were added: what lets the consumer thread hand work
/// on without waiting for it (effects to the producer, state changes to the changelog, HTTP requests to a shared
/// forward pass). Disposing stops taking items and waits for the loop to finish what it holds.
/// </summary>
public sealed class Handoff<T> : IAsyncDisposable
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _draining;

    public Handoff(Func<ChannelReader<T>, Task> drain) => _draining = Task.Run(() => drain(_channel.Reader));

    public void Add(T item) => ObjectDisposedException.ThrowIf(!_channel.Writer.TryWrite(item), this);

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _draining;
    }
}
