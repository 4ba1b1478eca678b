namespace Pozytywka.Listening.Features;

/// <summary>
/// Set arithmetic on genre lists, case-insensitive, without building sets: the lists are a handful of genres
/// and this runs for every play scored.
/// </summary>
public static class GenreLists
{
    /// <summary>How many different genres the list holds.</summary>
    public static int DistinctCount(IReadOnlyList<string> genres)
    {
        var count = 0;
        for (var i = 0; i < genres.Count; i++)
            count += IsFirstOccurrence(genres, i) ? 1 : 0;
        return count;
    }

    /// <summary>How many different genres of <paramref name="first"/> are also in <paramref name="second"/>.</summary>
    public static int SharedCount(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var count = 0;
        for (var i = 0; i < first.Count; i++)
            count += IsFirstOccurrence(first, i) && Contains(second, first[i]) ? 1 : 0;
        return count;
    }

    private static bool IsFirstOccurrence(IReadOnlyList<string> genres, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(genres[j], genres[index], StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return true;
    }

    private static bool Contains(IReadOnlyList<string> genres, string genre)
    {
        foreach (var candidate in genres)
        {
            if (string.Equals(candidate, genre, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
