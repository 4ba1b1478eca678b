using System.Runtime.InteropServices;
using System.Text;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.DevTools.Kafka;

/// <summary>
/// librdkafka's own mock cluster: real Kafka brokers, speaking the Kafka protocol over TCP on 127.0.0.1, hosted
/// in this process. It stands in for a Kafka server where none is installed (the demo, the tests, `dev-broker`).
/// Each partition keeps a bounded log, so large loads must be streamed while consuming or spread over enough
/// partitions.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private bool _disposed;

    public MockKafkaCluster(int brokers = 1)
    {
        if (brokers < 1)
            throw new ArgumentOutOfRangeException(nameof(brokers), brokers, "a cluster needs at least one broker");
        Librdkafka.ResolveImportsOf(typeof(NativeMockCluster).Assembly);
        var error = new byte[512];
        var conf = NativeMockCluster.ConfNew();
        // The handle only hosts the cluster and never connects anywhere: its "no bootstrap.servers" notice is noise.
        NativeMockCluster.ConfSet(conf, "log_level", "3", error, (UIntPtr)error.Length);
        _handle = NativeMockCluster.New(NativeMockCluster.ProducerType, conf, error, (UIntPtr)error.Length);
        if (_handle == IntPtr.Zero)
            throw new InvalidOperationException($"librdkafka could not create a handle for the mock cluster: {Text(error)}");
        _cluster = NativeMockCluster.ClusterNew(_handle, brokers);
        if (_cluster == IntPtr.Zero)
        {
            NativeMockCluster.Destroy(_handle);
            throw new InvalidOperationException("librdkafka could not create the mock cluster");
        }
        BootstrapServers = Marshal.PtrToStringUTF8(NativeMockCluster.ClusterBootstraps(_cluster))
            ?? throw new InvalidOperationException("the mock cluster reported no bootstrap address");
        Brokers = brokers;
    }

    /// <summary>The fetch wait to use against the mock, which answers an empty fetch only after the full wait.</summary>
    public static readonly TimeSpan FetchWaitMax = TimeSpan.FromMilliseconds(5);

    /// <summary>Comma-separated host:port list, e.g. <c>127.0.0.1:40123</c>.</summary>
    public string BootstrapServers { get; }

    public int Brokers { get; }

    public void CreateTopic(string topic, int partitions, int replicationFactor = 1) =>
        Check(NativeMockCluster.TopicCreate(_cluster, topic, partitions, Math.Min(replicationFactor, Brokers)), $"create topic '{topic}'");

    /// <summary>Takes a broker down (1-based id), to test how clients ride out an outage.</summary>
    public void SetBrokerDown(int brokerId) => Check(NativeMockCluster.BrokerSetDown(_cluster, brokerId), $"take broker {brokerId} down");

    public void SetBrokerUp(int brokerId) => Check(NativeMockCluster.BrokerSetUp(_cluster, brokerId), $"bring broker {brokerId} up");

    /// <summary>The next <paramref name="count"/> produce requests, whichever broker gets them, fail with this (retriable) error.</summary>
    public void FailProduceRequests(int count, Confluent.Kafka.ErrorCode error) =>
        NativeMockCluster.PushRequestErrors(_cluster, ProduceApiKey, (UIntPtr)count, Enumerable.Repeat((int)error, count).ToArray());

    private const short ProduceApiKey = 0;

    private static void Check(int error, string what)
    {
        if (error != 0)
            throw new InvalidOperationException($"the mock cluster could not {what} (librdkafka error {error})");
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        NativeMockCluster.ClusterDestroy(_cluster);
        NativeMockCluster.Destroy(_handle);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes, 0, Math.Max(0, Array.IndexOf(bytes, (byte)0)));
}
