using Pozytywka.Tests;

namespace Pozytywka.Commands.Tests;

/// <summary>Stops a long-running command by signal, as a supervisor would, and checks that it left nothing behind.</summary>
public static class Stopping
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(90);

    /// <summary>SIGTERM to the command's process id; returns once it and every process it started are gone.</summary>
    public static async Task TerminateAsync(CommandProcess command, params int[] ports)
    {
        var family = ProcessTree.Descendants(command.Id).Append(command.Id).ToList();
        command.Signal("TERM");
        await command.WaitForExitAsync(GracePeriod);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (family.Any(ProcessTree.IsAlive) && DateTime.UtcNow < deadline)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.True(!family.Any(ProcessTree.IsAlive), $"{command.CommandLine} left processes {string.Join(", ", family.Where(ProcessTree.IsAlive))} running");
        Assert.All(ports, port => Assert.True(LoopbackPorts.IsFree(port), $"port {port} is still held after {command.CommandLine} stopped"));
    }
}
