namespace Pozytywka.Trainer.Evaluation;

/// <summary>A 95 % interval.</summary>
public sealed record Interval(double Low, double High)
{
    /// <summary>The middle 95 % of <paramref name="values"/> (NaN when there are none).</summary>
    public static Interval Middle95(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? new Interval(double.NaN, double.NaN)
            : new Interval(sorted[(int)(0.025 * (sorted.Count - 1))], sorted[(int)Math.Ceiling(0.975 * (sorted.Count - 1))]);
    }
}

/// <summary>
/// Intervals for a test figure by a bootstrap over listeners: listeners are drawn with replacement, each bringing all
/// of their test plays, because one listener's plays are not independent of each other (on the real export one listener
/// holds a large share of some slices). Seeded with <see cref="Seed"/> whatever the training seed, so the Trainer
/// and <c>evaluate</c> give a bundle the same intervals.
/// </summary>
public static class ListenerBootstrap
{
    public const int Resamples = 1_000;
    public const int Seed = 1;

    /// <param name="listenerOfPlay">The listener of each test play.</param>
    /// <param name="figure">The figure computed on the given play indexes (with repeats).</param>
    public static Interval Of(IReadOnlyList<long> listenerOfPlay, Func<IReadOnlyList<int>, double> figure, int seed)
    {
        var byListener = Enumerable.Range(0, listenerOfPlay.Count).GroupBy(i => listenerOfPlay[i]).Select(g => g.ToArray()).ToArray();
        var random = new Random(seed);
        var figures = new List<double>(Resamples);
        for (var r = 0; r < Resamples; r++)
        {
            var sample = new List<int>(listenerOfPlay.Count);
            for (var l = 0; l < byListener.Length; l++)
                sample.AddRange(byListener[random.Next(byListener.Length)]);
            var value = figure(sample);
            if (!double.IsNaN(value))
                figures.Add(value);
        }
        return Interval.Middle95(figures);
    }
}
