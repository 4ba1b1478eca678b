using System.CommandLine;
using Pozytywka.StreamProcessor.Configuration;

namespace Pozytywka.StreamProcessor.Cli;

/// <summary><c>options</c>: every setting the processor reads, with its environment variable and default.</summary>
public static class OptionsCommand
{
    public static Command Create()
    {
        var command = new Command("options", "List every setting: appsettings key, environment variable, default");
        command.SetAction(_ =>
        {
            foreach (var key in ConfigurationCatalog.Keys())
                Console.WriteLine($"{key.Key,-42} {key.EnvironmentVariable,-46} {key.Default}");
        });
        return command;
    }
}
