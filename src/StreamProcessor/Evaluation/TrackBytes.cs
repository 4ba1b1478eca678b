using Pozytywka.Listening.Hints;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>Seconds of a catalog track as bytes of audio at <see cref="CacheHintOptions.AudioKbps"/> (<see cref="AudioBytes"/>).</summary>
public sealed class TrackBytes(Listening.Catalog.Catalog catalog, double audioKbps)
{
    private readonly double _bytesPerSecond = AudioBytes.PerSecond(audioKbps);

    public double? SecondsOf(string trackId) => catalog.FindTrack(trackId)?.DurationSeconds is > 0 and var seconds ? seconds : null;

    public long Of(double seconds) => AudioBytes.Of(seconds, _bytesPerSecond);
}
