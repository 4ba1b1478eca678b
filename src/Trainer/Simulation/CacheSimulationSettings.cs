using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// What <c>simulate-cache</c> prices and under which assumptions (the player's start-up and resume buffers in seconds of audio);
/// <see cref="Hints"/> is the processor's <c>CacheHints</c> configuration to price (its defaults when none is given).
/// </summary>
public sealed record CacheSimulationSettings(string Model, double AudioKbps, NetworkModel Network, double StartupSeconds = 2, double ResumeSeconds = 2,
    EdgeCache.EdgeCacheSettings? Edge = null, Listening.Hints.CacheHintOptions? Hints = null)
{
    public Listening.Hints.CacheHintOptions HintOptions => Hints ?? new();

    /// <summary>The edge-cache framing's assumptions (its defaults when none are given).</summary>
    public EdgeCache.EdgeCacheSettings EdgeCache => Edge ?? Simulation.EdgeCache.EdgeCacheSettings.Default;

    public const double DefaultAudioKbps = Listening.Hints.CacheHintOptions.DefaultAudioKbps;

    public static readonly CacheSimulationSettings Default = new("advanced", DefaultAudioKbps, NetworkModel.Default);

    public double BytesPerSecond => Listening.Hints.AudioBytes.PerSecond(AudioKbps);

    public PlaybackSimulator Player => new(AudioKbps, Network.LinkKbps, StartupSeconds, ResumeSeconds);
}
