using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// Checks the state changelog before the stream starts: it must exist (kafka/create-topics.sh creates it, compacted,
/// like the other topics) with as many partitions as <c>sessions</c>, since partition p holds the state of partition
/// p. While either topic is missing the processor waits and says what it waits for; a changelog with another number
/// of partitions cannot be used, and the processor says so and stops.
/// </summary>
public sealed class ChangelogTopic(IOptions<KafkaOptions> kafka, ILogger<ChangelogTopic> log)
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(10);
    private const int ReportEveryAttempts = 10;

    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var options = kafka.Value;
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.BootstrapServers }).Build();
        var attempts = 0;
        while (true)
        {
            // Metadata of every topic: asking for one by name may make a broker auto-create it with its default partitions.
            var topics = admin.GetMetadata(BrokerTimeout).Topics.Where(t => !t.Error.IsError).ToDictionary(t => t.Topic, t => t.Partitions.Count);
            var (sessions, changelog) = (topics.GetValueOrDefault(options.SessionsTopic), topics.GetValueOrDefault(options.ChangelogTopic));
            if (sessions > 0 && changelog == sessions)
            {
                log.ChangelogReady(options.ChangelogTopic, changelog);
                return;
            }
            if (sessions > 0 && changelog > 0)
                throw new InvalidOperationException(
                    $"the state changelog {options.ChangelogTopic} has {changelog} partitions and {options.SessionsTopic} has {sessions}: they must match (recreate the changelog, or set Kafka:StateChangelogTopic to a new one)");
            if (attempts++ % ReportEveryAttempts == 0)
                log.WaitingForTopics(options.SessionsTopic, options.ChangelogTopic);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
