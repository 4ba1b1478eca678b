using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Pozytywka.Contracts.Json;
using Pozytywka.DevTools.Kafka;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// A consumer of <c>cache-hints</c> apart from the processor, as the cache service would run one: on a thread of its
/// own, it notes when each play's hint reached it. Its own fetch wait is part of what it measures, and the caller states it.
/// </summary>
public sealed class HintReceipts : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly string _bootstrapServers;
    private readonly string _topic;
    private readonly int _partitions;
    private readonly Dictionary<int, long> _positions = [];
    private readonly Dictionary<string, DateTime> _firstReceived = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Lock _lock = new();

    public HintReceipts(string bootstrapServers, string topic, int partitions, TimeSpan fetchWaitMax)
    {
        (_bootstrapServers, _topic, _partitions) = (bootstrapServers, topic, partitions);
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"cache-service-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = (int)fetchWaitMax.TotalMilliseconds,
        }).Quietly().Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _thread = new Thread(Receive) { IsBackground = true, Name = "hint receipts" };
        _thread.Start();
    }

    /// <summary>Each hinted play and when its first hint arrived here (UTC).</summary>
    public IReadOnlyDictionary<string, DateTime> Received
    {
        get
        {
            lock (_lock)
                return new Dictionary<string, DateTime>(_firstReceived, StringComparer.Ordinal);
        }
    }

    /// <summary>Stops once this consumer has read every partition to the end it has now (call when the hints are all written).</summary>
    public async Task StopWhenCaughtUpAsync(TimeSpan timeout)
    {
        var ends = GroupProgress.Of(_bootstrapServers, $"ends-{Guid.NewGuid():N}", _topic, _partitions);
        var clock = Stopwatch.StartNew();
        while (ends.Any(p => Position(p.Number) < p.End))
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException("the hint consumer did not reach the end of cache-hints");
            await Task.Delay(20);
        }
        _stop.Cancel();
        _thread.Join();
    }

    private long Position(int partition)
    {
        lock (_lock)
            return _positions.GetValueOrDefault(partition);
    }

    private void Receive()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (_consumer.Consume(TimeSpan.FromMilliseconds(50)) is not { Message.Value: { } value } result)
                continue;
            var at = DateTime.UtcNow;
            var playId = JsonSerializer.Deserialize(value, ContractsJsonContext.Default.CacheHint)!.PlayId;
            lock (_lock)
            {
                _firstReceived.TryAdd(playId, at);
                _positions[result.Partition.Value] = result.Offset.Value + 1;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
            _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
