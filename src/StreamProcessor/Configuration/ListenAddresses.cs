namespace Pozytywka.StreamProcessor.Configuration;

/// <summary>
/// Where HTTP listens, by ASP.NET Core's own precedence: <c>Kestrel:Endpoints</c> in configuration, else the
/// <c>urls</c> setting (<c>serve --urls</c>, then <c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c> or <c>URLS</c>), else
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>; only when none of them is set does the processor listen on
/// <see cref="Default"/> (loopback, so a development run exposes nothing).
/// </summary>
public static class ListenAddresses
{
    public const string Default = "http://127.0.0.1:5080";

    private static readonly string[] AddressKeys = ["urls", "http_ports", "https_ports"];

    public static bool AreConfigured(IConfiguration configuration) =>
        AddressKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    public static void UseDefaultUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (!AreConfigured(builder.Configuration))
            builder.WebHost.UseUrls(Default);
    }
}
