namespace Pozytywka.Listening.Features;

/// <summary>Which features a model uses.</summary>
public enum FeatureSet
{
    /// <summary>The listener's favourite genres against the track's artist genres, as the original Simple model.</summary>
    Simple,

    /// <summary>Simple plus track, storage, listener-history and session context.</summary>
    Advanced,
}
