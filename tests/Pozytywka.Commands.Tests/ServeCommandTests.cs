using Pozytywka.Tests;

namespace Pozytywka.Commands.Tests;

/// <summary>
/// <c>serve</c> listens where the ecosystem's conventions say (<c>--urls</c> over <c>ASPNETCORE_URLS</c> over
/// <c>ASPNETCORE_HTTP_PORTS</c>), and a SIGTERM to its process id drains, commits and exits, freeing the port.
/// </summary>
[Collection(TrainedWorkspaceGroup.Name)]
public class ServeCommandTests(TrainedWorkspace workspace)
{
    public enum Listening { UrlsOption, AspNetCoreUrls, AspNetCoreHttpPorts, UrlsOptionOverEnvironment, KestrelEndpointOverAll }

    [Theory]
    [InlineData(Listening.UrlsOption)]
    [InlineData(Listening.AspNetCoreUrls)]
    [InlineData(Listening.AspNetCoreHttpPorts)]
    [InlineData(Listening.UrlsOptionOverEnvironment)]
    [InlineData(Listening.KestrelEndpointOverAll)]
    public async Task Serve_listens_where_it_is_told_and_a_sigterm_stops_it_cleanly(Listening how)
    {
        var port = LoopbackPorts.Free();
        var ignored = LoopbackPorts.Free();
        var arguments = new List<string> { "serve", "--data", workspace.Export, "--models", workspace.Models };
        var environment = new Dictionary<string, string>();
        switch (how)
        {
            case Listening.UrlsOption:
                arguments.AddRange(["--urls", $"http://127.0.0.1:{port}"]);
                break;
            case Listening.AspNetCoreUrls:
                environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
                break;
            case Listening.AspNetCoreHttpPorts:
                environment["ASPNETCORE_HTTP_PORTS"] = $"{port}";
                break;
            case Listening.UrlsOptionOverEnvironment:
                environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ignored}";
                arguments.AddRange(["--urls", $"http://127.0.0.1:{port}"]);
                break;
            case Listening.KestrelEndpointOverAll:
                environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{port}";
                arguments.AddRange(["--urls", $"http://127.0.0.1:{ignored}"]);
                break;
        }

        await using var serve = CommandProcess.Start(Workspace.NewDirectory(), arguments, environment);
        await Http.WaitUntilReadyAsync($"http://127.0.0.1:{port}", serve, TimeSpan.FromMinutes(3));
        Assert.Contains("\"name\":\"advanced\"", await Http.GetStringAsync($"http://127.0.0.1:{port}/api/models"), StringComparison.Ordinal);
        Assert.True(LoopbackPorts.IsFree(ignored), $"serve also listens on {ignored}, which a setting of higher precedence overrides");

        await Stopping.TerminateAsync(serve, port);
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("Stopped: the last batch is durable and committed", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_a_model_it_needs_says_so_in_one_line()
    {
        var models = Path.Combine(Workspace.NewDirectory(), "models");
        Directory.CreateDirectory(models);
        await using var serve = CommandProcess.Start(Workspace.NewDirectory(), ["serve", "--data", workspace.Export, "--models", models, "--urls", "http://127.0.0.1:0"]);
        await serve.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(1, serve.ExitCode);
        // The structured log keeps the exception for the log pipeline; the person at the terminal gets one sentence.
        Assert.Equal($"serve: no bundle for variant A's model 'advanced' under {models}", serve.Output.TrimEnd().Split('\n')[^1]);
        Assert.DoesNotContain("Unhandled exception", serve.Output, StringComparison.Ordinal);
    }
}
