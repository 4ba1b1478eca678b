namespace Pozytywka.Commands.Tests;

/// <summary>Waits for a server started by a command to answer.</summary>
public static class Http
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task WaitUntilReadyAsync(string baseAddress, CommandProcess server, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (server.HasExited)
                throw new InvalidOperationException($"{server.CommandLine} exited ({server.ExitCode}) before {baseAddress} answered:\n{server.Tail()}");
            try
            {
                using var response = await Client.GetAsync($"{baseAddress}/health/ready", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // not answering yet
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{baseAddress} was not ready within {timeout}:\n{server.Tail()}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<string> GetStringAsync(string url) => await Client.GetStringAsync(url, TestContext.Current.CancellationToken);
}
