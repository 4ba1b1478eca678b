using Pozytywka.Listening.Features;

namespace Pozytywka.Listening.Tests;

/// <summary>The genre-overlap features count as case-insensitive sets would, duplicates and all.</summary>
public class GenreListsTests
{
    public static TheoryData<string[], string[]> Pairs => new()
    {
        { [], [] },
        { ["rock"], [] },
        { ["rock", "Rock", "pop"], ["ROCK", "jazz", "jazz"] },
        { ["polish rock", "indie"], ["indie", "Polish Rock", "indie", "metal"] },
        { ["a", "b", "c"], ["d", "e"] },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Shared_and_distinct_counts_equal_those_of_case_insensitive_sets(string[] listener, string[] track)
    {
        var first = new HashSet<string>(listener, StringComparer.OrdinalIgnoreCase);
        var second = new HashSet<string>(track, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(first.Count, GenreLists.DistinctCount(listener));
        Assert.Equal(second.Count, GenreLists.DistinctCount(track));
        Assert.Equal(first.Count(second.Contains), GenreLists.SharedCount(listener, track));
    }
}
