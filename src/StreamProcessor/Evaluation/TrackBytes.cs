using Pozytywka.Listening.Hints;

namespace Pozytywka.StreamProcessor.Evaluation;

/// <summary>Seconds of a catalog track as bytes of audio at <see cref="CacheHintOptions.AudioKbps"/>, rounded as <c>simulate-cache</c> rounds them.</summary>
public sealed class TrackBytes(Listening.Catalog.Catalog catalog, double audioKbps)
{
    private readonly double _bytesPerSecond = audioKbps * 1000 / 8;

    public double? SecondsOf(string trackId) => catalog.FindTrack(trackId)?.DurationSeconds is > 0 and var seconds ? seconds : null;

    public long Of(double seconds) => (long)Math.Round(seconds * _bytesPerSecond);
}
