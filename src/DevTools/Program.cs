using System.CommandLine;
using Pozytywka.DevTools.Cli;
using Pozytywka.DevTools.Kafka;
using Pozytywka.StreamProcessor.Cli;

var root = new RootCommand("Pozytywka Skip development tools: the processor on an embedded broker, the demo's stream part, a broker for local runs, benchmarks, the fault report")
{
    ServeCommand.Create("without it an embedded mock cluster is started", EmbeddedKafka.StartWhenUnconfigured),
    StreamDemoCommand.Create(),
    DevBrokerCommand.Create(),
    BenchCommand.Create(),
    FaultsCommand.Create(),
    OptionsCommand.Create(),
};
// A stop signal cancels the command; it then has as long as the host's own shutdown (drain, commit, flush) to finish.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) });
