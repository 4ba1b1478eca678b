using Confluent.Kafka;

namespace Pozytywka.DevTools.Kafka;

/// <summary>
/// The harness's own clients (replayer, followers, readers) live through the broker outages the harness causes; their
/// librdkafka connection errors would bury the report, and each client reports a real failure through its own results.
/// </summary>
public static class HarnessClientLogging
{
    public static ConsumerBuilder<TKey, TValue> Quietly<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder) =>
        builder.SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { });

    public static ProducerBuilder<TKey, TValue> Quietly<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder) =>
        builder.SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { });
}
