namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>From <see cref="FromOffset"/> of a <c>sessions</c> partition on, each variant scores with the model version <see cref="Labels"/> names.</summary>
public sealed record ModelChoice(long FromOffset, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Which model version scored each event of one <c>sessions</c> partition, as a list of switch points. A champion
/// change takes effect at a point recorded in the state changelog before any hint scored with it is published, so
/// every owner and every replay scores a given event with the same version: events before the point with the
/// version before it. The last <see cref="Kept"/> switches are kept; replays never reach further back than the
/// committed offset, which a switch that old lies far behind.
/// </summary>
public sealed record ModelChoices(IReadOnlyList<ModelChoice> Changes)
{
    public const int Kept = 16;

    public IReadOnlyDictionary<string, string> Latest => Changes[^1].Labels;

    /// <summary>The labels in effect at <paramref name="offset"/> (the first switch's before it).</summary>
    public IReadOnlyDictionary<string, string> At(long offset)
    {
        for (var k = Changes.Count - 1; k > 0; k--)
        {
            if (Changes[k].FromOffset <= offset)
                return Changes[k].Labels;
        }
        return Changes[0].Labels;
    }

    public static ModelChoices Starting(long fromOffset, IReadOnlyDictionary<string, string> labels) => new([new ModelChoice(fromOffset, labels)]);

    public ModelChoices Then(long fromOffset, IReadOnlyDictionary<string, string> labels) =>
        new([.. Changes.TakeLast(Kept - 1), new ModelChoice(fromOffset, labels)]);

    public static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && other == pair.Value);
}

/// <summary>A partition's model choices after a switch, to be recorded before the batch that made it publishes anything.</summary>
public sealed record PartitionModelChoices(int Partition, ModelChoices Choices);
