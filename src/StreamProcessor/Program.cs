using System.CommandLine;
using Pozytywka.StreamProcessor.Cli;

var root = new RootCommand("Pozytywka Skip stream processor")
{
    ServeCommand.Create(),
    StreamDemoCommand.Create(),
    DevBrokerCommand.Create(),
    BenchCommand.Create(),
    OptionsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
