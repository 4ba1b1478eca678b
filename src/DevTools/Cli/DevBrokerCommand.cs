using System.CommandLine;

using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Kafka;

namespace Pozytywka.DevTools.Cli;

/// <summary><c>dev-broker</c>: hosts the mock cluster with the processor's topics until stopped.</summary>
public static class DevBrokerCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers") { Description = "brokers in the cluster", DefaultValueFactory = _ => 1 };
        var partitions = new Option<int>("--partitions") { Description = "partitions per topic (the mock keeps a bounded log per partition)", DefaultValueFactory = _ => 24 };
        brokers.Validators.Add(result => AtLeastOne(result, "--brokers"));
        partitions.Validators.Add(result => AtLeastOne(result, "--partitions"));
        var command = new Command("dev-broker", "Run librdkafka's mock Kafka cluster on 127.0.0.1 with the processor's topics") { brokers, partitions };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var cluster = new MockKafkaCluster(parsed.GetValue(brokers));
            foreach (var topic in KafkaTopics.All)
                cluster.CreateTopic(topic, parsed.GetValue(partitions), cluster.Brokers);
            Console.WriteLine($"bootstrap: {cluster.BootstrapServers}");
            Console.WriteLine($"topics: {string.Join(", ", KafkaTopics.All)} ({parsed.GetValue(partitions)} partitions each); Ctrl+C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("dev-broker stopped");
            }
            return 0;
        });
        return command;
    }

    private static void AtLeastOne(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.GetValueOrDefault<int>() < 1)
            result.AddError($"{name} must be at least 1");
    }
}
