namespace Pozytywka.Listening.Features;

/// <summary>Which features a model uses.</summary>
public enum FeatureSet
{
    /// <summary>The listener's favourite genres against the track's artist genres, as the original Simple model.</summary>
    Simple,

    /// <summary>Simple plus track, storage, listener-history and session context (the Advanced model before taste features).</summary>
    AdvancedV1,

    /// <summary>AdvancedV1 plus the listener's taste: which kinds of tracks they have skipped (<see cref="TasteFeatures"/>).</summary>
    Advanced,
}

public static class FeatureSets
{
    public static IReadOnlyList<FeatureSet> All { get; } = Enum.GetValues<FeatureSet>();

    /// <summary>The model's name in bundles, the API and the command line.</summary>
    public static string ModelName(this FeatureSet set) => set switch
    {
        FeatureSet.Simple => "simple",
        FeatureSet.AdvancedV1 => "advanced-v1",
        _ => "advanced",
    };

    public static FeatureSet? FromModelName(string name) =>
        All.Cast<FeatureSet?>().FirstOrDefault(set => string.Equals(set!.Value.ModelName(), name, StringComparison.OrdinalIgnoreCase));

    public static bool HasContext(this FeatureSet set) => set != FeatureSet.Simple;

    public static bool HasTaste(this FeatureSet set) => set == FeatureSet.Advanced;
}
