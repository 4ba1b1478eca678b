using System.CommandLine;
using Pozytywka.StreamProcessor.Cli;

var root = new RootCommand("Pozytywka Skip stream processor")
{
    ServeCommand.Create(),
    OptionsCommand.Create(),
};
// A stop signal cancels the command; it then has as long as the host's own shutdown (drain, commit, flush) to finish.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) });
