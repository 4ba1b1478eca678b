using System.CommandLine;
using Pozytywka.StreamProcessor.Kafka;

// The stream processor's front door. The Kafka consumer, scoring and cache hints (`serve`) arrive with
// issue #4 and the prediction API with issue #5; today it hosts the development broker.
var root = new RootCommand("Pozytywka Skip stream processor")
{
    DevBrokerCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
