namespace Pozytywka.Listening.Hints;

/// <summary>
/// When a play becomes a prefetch or an eviction. The operator chooses the operating point as the share of the
/// bytes listeners hear that whole-track prefetch should have fetched ahead (<see cref="KeepUsefulShare"/>); each
/// bundle carries the expected-heard-share threshold that reached each share on its training period
/// (<see cref="HintOperatingPoints"/>), so a new bundle keeps the same point without anyone retuning a constant.
/// <see cref="WholeTrackAtOrAbove"/> overrides the bundle's threshold for every bundle, <see cref="Plan"/> its prefetch
/// plan. A track is evicted only when a skip is likely (<see cref="EvictBelow"/>, on P(complete)) and it was not prefetched.
/// </summary>
public sealed class CacheHintOptions
{
    public const string SectionName = "CacheHints";
    public const double DefaultKeepUsefulShare = 0.95;

    /// <summary>160 kbit/s, a common streaming bitrate; shares of bytes do not depend on it, bytes do.</summary>
    public const double DefaultAudioKbps = 160;

    /// <summary>The share of heard bytes the hints should have prefetched; the bundle's point for it sets the threshold.</summary>
    public double KeepUsefulShare { get; set; } = DefaultKeepUsefulShare;

    /// <summary>An expected heard share at or above which every bundle's plays are prefetched whole, instead of the bundle's point.</summary>
    public double? WholeTrackAtOrAbove { get; set; }

    /// <summary>Completion probability below which a track that is not prefetched should leave the edge cache.</summary>
    public double EvictBelow { get; set; } = 0.35;

    /// <summary>
    /// How deep each hint's prefetch plan buffers the track as it plays, instead of the bundle's plan (setting any of its
    /// keys sets this, with the defaults for the others); a bundle without a plan uses the defaults.
    /// </summary>
    public PrefetchPlanOptions? Plan { get; set; }

    /// <summary>The constant audio bitrate live hint worth counts bytes at (<c>pozytywka_hint_bytes_total</c>).</summary>
    public double AudioKbps { get; set; } = DefaultAudioKbps;

    public void Validate()
    {
        if (KeepUsefulShare is < HintOperatingPoints.LowestShare or > HintOperatingPoints.HighestShare)
            throw new ArgumentException($"{SectionName}:KeepUsefulShare {KeepUsefulShare} must lie in [{HintOperatingPoints.LowestShare}, {HintOperatingPoints.HighestShare}] (the shares bundles hold a point for)");
        if (WholeTrackAtOrAbove is { } threshold && !(threshold is >= 0 and <= 1))
            throw new ArgumentException($"{SectionName}:WholeTrackAtOrAbove {threshold} must lie in [0, 1]");
        if (EvictBelow is < 0 or > 1)
            throw new ArgumentException($"{SectionName}:EvictBelow {EvictBelow} must lie in [0, 1]");
        if (!(AudioKbps > 0))
            throw new ArgumentException($"{SectionName}:AudioKbps {AudioKbps} must be positive");
        Plan?.Validate();
    }
}
