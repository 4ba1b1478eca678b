namespace Pozytywka.Trainer.Simulation;

/// <summary>What <c>simulate-cache</c> prices and under which assumptions (the player's start-up and resume buffers in seconds of audio).</summary>
public sealed record CacheSimulationSettings(string Model, double AudioKbps, NetworkModel Network, double StartupSeconds = 2, double ResumeSeconds = 2,
    EdgeCache.EdgeCacheSettings? Edge = null)
{
    /// <summary>The edge-cache framing's assumptions (its defaults when none are given).</summary>
    public EdgeCache.EdgeCacheSettings EdgeCache => Edge ?? Simulation.EdgeCache.EdgeCacheSettings.Default;

    /// <summary>160 kbit/s, a common streaming bitrate; shares and cuts do not depend on it, bytes do.</summary>
    public const double DefaultAudioKbps = 160;

    public static readonly CacheSimulationSettings Default = new("advanced", DefaultAudioKbps, NetworkModel.Default);

    public double BytesPerSecond => AudioKbps * 1000 / 8;

    public PlaybackSimulator Player => new(AudioKbps, Network.LinkKbps, StartupSeconds, ResumeSeconds);
}
