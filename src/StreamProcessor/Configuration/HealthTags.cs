namespace Pozytywka.StreamProcessor.Configuration;

/// <summary>Which health checks each endpoint runs: <c>/health/ready</c> the <see cref="Ready"/> ones, <c>/health/sink</c> the sink's.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
    public const string Sink = "sink";
}
