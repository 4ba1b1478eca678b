using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>
/// Everything fitted on the training period that turns a play into numbers: genre clusters, frozen skip
/// priors, imputation medians and the standard scaler. Stored in the model bundle; serving uses it unchanged.
/// </summary>
public sealed class FeatureSpec
{
    /// <summary>2: the taste features and <see cref="ListenerHistory"/>; bundles of format 1 must be retrained.</summary>
    public const int CurrentFormat = 2;
    public const double ListenerPriorStrength = 10;

    public int Format { get; init; } = CurrentFormat;
    public required FeatureSet Set { get; init; }
    public required GenreClusters Genres { get; init; }
    public required SkipPriors Priors { get; init; }
    public required double[] PropertyMedians { get; init; }

    /// <summary>Closed plays kept per listener when these features were fitted; scoring must replay with the same number.</summary>
    public int ListenerHistory { get; init; } = ListeningTimeline.DefaultListenerHistory;
    public double[] Means { get; init; } = [];
    public double[] Stds { get; init; } = [];

    private IReadOnlyList<string>? _names;

    public IReadOnlyList<string> Names => _names ??= FeatureNames.For(Set, Genres.Count);

    public int Width => Names.Count;

    /// <summary>Checks that a spec read from a bundle can drive this code; names the problem when not.</summary>
    public void Validate()
    {
        if (Format != CurrentFormat)
            throw new InvalidDataException($"feature spec format {Format} is not the supported format {CurrentFormat}");
        if (PropertyMedians.Length != TrackProperties.Count)
            throw new InvalidDataException($"feature spec has {PropertyMedians.Length} track-property medians, expected {TrackProperties.Count}");
        if (Means.Length != Width || Stds.Length != Width)
            throw new InvalidDataException($"feature spec scaler covers {Means.Length} features, the {Set} set has {Width}");
        if (Genres.Centroids.Length == 0)
            throw new InvalidDataException("feature spec has no genre clusters");
    }
}
