namespace Pozytywka.Listening.Evaluation;

public static class Ranking
{
    /// <summary>Zero-based ranks, ties sharing their average rank.</summary>
    public static List<double> Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            for (var k = start; k <= end; k++)
                ranks[order[k]] = (start + end) / 2.0;
            start = end + 1;
        }
        return ranks.ToList();
    }
}
