using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>One group of plays in a breakdown, such as ("position_in_session", "2-5").</summary>
public sealed record PlaySegment(string Dimension, string Segment);

/// <summary>The breakdowns that say where the model helps: storage class, position in the session, the listener's history.</summary>
public static class PlaySegments
{
    public static readonly string[] Dimensions = ["storage_class", "position_in_session", "listener_history"];

    public static IEnumerable<PlaySegment> Of(CachePlay play)
    {
        yield return new PlaySegment(Dimensions[0], play.StorageClass ?? "UNKNOWN");
        yield return new PlaySegment(Dimensions[1], play.Position switch { 1 => "1", <= 5 => "2-5", <= 15 => "6-15", _ => "16+" });
        yield return new PlaySegment(Dimensions[2], play.ListenerPlaysBefore switch
        {
            0 => "no plays",
            < 50 => "1-49 plays",
            < 150 => "50-149 plays",
            < 300 => "150-299 plays",
            _ => "300+ plays",
        });
    }

    /// <summary>The plays of each segment, in the order the segments are listed above and first met.</summary>
    public static IEnumerable<(PlaySegment Segment, List<int> Indexes)> Group(IReadOnlyList<CachePlay> plays)
    {
        var groups = new Dictionary<PlaySegment, List<int>>();
        for (var i = 0; i < plays.Count; i++)
        {
            foreach (var segment in Of(plays[i]))
            {
                if (!groups.TryGetValue(segment, out var indexes))
                    groups[segment] = indexes = [];
                indexes.Add(i);
            }
        }
        return groups.OrderBy(g => Array.IndexOf(Dimensions, g.Key.Dimension)).ThenBy(g => SortKey(g.Key.Segment)).Select(g => (g.Key, g.Value));
    }

    /// <summary>Numeric segments by their first number ("2-5" before "16+"), the rest by name.</summary>
    private static (int, string) SortKey(string segment) =>
        (int.TryParse(new string(segment.TakeWhile(char.IsDigit).ToArray()), out var first) ? first : int.MaxValue, segment);
}
