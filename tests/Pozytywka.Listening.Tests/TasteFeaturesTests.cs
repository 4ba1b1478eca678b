using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;

namespace Pozytywka.Listening.Tests;

/// <summary>The taste features on small hand-made histories, computed by hand.</summary>
public class TasteFeaturesTests
{
    private static readonly int Danceability = TasteFeatures.Attributes.ToList().IndexOf(TrackProperty.Danceability);

    private static Track WithDanceability(double value)
    {
        var properties = Enumerable.Repeat(double.NaN, TrackProperties.Count).ToArray();
        properties[(int)TrackProperty.Danceability] = value;
        return new Track($"t{value}", "", null, properties);
    }

    /// <summary>Twenty plays at danceability 0.05, 0.10 … 1.00, skipped exactly when at or below 0.5.</summary>
    private static ListenerHistory SkipsLowDanceability()
    {
        var history = new ListenerHistory(200);
        for (var i = 1; i <= 20; i++)
            history.Add(WithDanceability(i / 20.0), skipped: i <= 10);
        return history;
    }

    [Fact]
    public void Nearest_below_and_above_rates_shrink_towards_the_listeners_own_rate()
    {
        var features = TasteFeatures.Compute(SkipsLowDanceability(), WithDanceability(0.2));
        // Own rate (10 + 1) / (20 + 2) = 0.5; every rate adds 3 pseudo-plays at it.
        // Ten nearest to 0.2 are 0.05 … 0.50, all skipped: (10 + 1.5) / 13. At or below 0.2: four plays, all
        // skipped: (4 + 1.5) / 7. Above: sixteen plays, six skipped: (6 + 1.5) / 19.
        Assert.Equal(11.5 / 13, features[3 * Danceability], 6);
        Assert.Equal(5.5 / 7, features[3 * Danceability + 1], 6);
        Assert.Equal(7.5 / 19, features[3 * Danceability + 2], 6);
        // Attributes the plays have no value for are neutral: the listener's own rate.
        Assert.All(Enumerable.Range(0, TasteFeatures.Attributes.Count).Where(a => a != Danceability),
            a => Assert.Equal(0.5, features[3 * a], 6));
    }

    [Fact]
    public void The_best_split_separates_the_skips_and_is_applied_to_the_track()
    {
        var history = SkipsLowDanceability();
        var split = history.BestSplit;

        Assert.NotNull(split);
        Assert.Equal(Danceability, split.Attribute);
        Assert.Equal(0.5f, split.Cut);
        Assert.Equal(0.5, split.Strength, 9); // Gini 0.5 down to 0 on both sides
        Assert.Equal(11.5 / 13, split.SkipRateBelow, 6);
        Assert.Equal(1.5 / 13, split.SkipRateAbove, 6);

        var low = TasteFeatures.Compute(history, WithDanceability(0.3));
        var high = TasteFeatures.Compute(history, WithDanceability(0.9));
        var last = TasteFeatures.Count - 3;
        Assert.Equal([11.5 / 13, 10.0 / 13, 0.5], low[last..].Select(f => (double)f), new Tolerance(1e-6));
        Assert.Equal([1.5 / 13, -10.0 / 13, 0.5], high[last..].Select(f => (double)f), new Tolerance(1e-6));
    }

    [Fact]
    public void No_history_or_an_unknown_track_gives_neutral_features()
    {
        var empty = TasteFeatures.Compute(new ListenerHistory(200), WithDanceability(0.3));
        Assert.All(empty[..^2], f => Assert.Equal(0.5f, f));
        Assert.Equal([0f, 0f], empty[^2..]);

        var unknown = TasteFeatures.Compute(SkipsLowDanceability(), null);
        Assert.All(unknown[..^2], f => Assert.Equal(0.5f, f));
        Assert.Null(new ListenerHistory(200).BestSplit);
    }

    [Fact]
    public void A_cut_needs_five_plays_on_each_side()
    {
        var history = new ListenerHistory(200);
        for (var i = 1; i <= 9; i++)
            history.Add(WithDanceability(i / 10.0), skipped: i <= 3);
        Assert.Null(history.BestSplit);
        history.Add(WithDanceability(1.0), skipped: false);
        Assert.Equal(0.5f, history.BestSplit!.Cut);
    }

    [Fact]
    public void The_history_keeps_only_the_last_plays_it_has_room_for()
    {
        var history = new ListenerHistory(5);
        for (var i = 1; i <= 12; i++)
            history.Add(WithDanceability(i / 100.0), skipped: i % 2 == 0);

        Assert.Equal(5, history.Count);
        var kept = Enumerable.Range(0, history.Count).Select(p => Math.Round(history.Value(p, Danceability), 2)).Order().ToList();
        Assert.Equal([0.08, 0.09, 0.10, 0.11, 0.12], kept);
        Assert.Equal(3, history.Skips); // 8, 10 and 12
    }

    [Fact]
    public void A_full_history_that_forgets_its_oldest_plays_equals_one_built_from_the_plays_it_kept()
    {
        var random = new Random(3);
        Track RandomTrack()
        {
            var properties = Enumerable.Range(0, TrackProperties.Count)
                .Select(_ => random.NextDouble() < 0.1 ? double.NaN : Math.Round(random.NextDouble(), 2)).ToArray();
            return new Track("t", "", null, properties);
        }
        var plays = Enumerable.Range(0, 400).Select(_ => (Track: RandomTrack(), Skipped: random.NextDouble() < 0.4)).ToList();
        var rolling = new ListenerHistory(50);
        foreach (var (track, skipped) in plays)
            rolling.Add(track, skipped);
        var fresh = new ListenerHistory(50);
        foreach (var (track, skipped) in plays.TakeLast(50))
            fresh.Add(track, skipped);

        Assert.Equal(fresh.BestSplit, rolling.BestSplit);
        Assert.Equal(fresh.Skips, rolling.Skips);
        foreach (var probe in Enumerable.Range(0, 20).Select(_ => RandomTrack()))
            Assert.Equal(TasteFeatures.Compute(fresh, probe), TasteFeatures.Compute(rolling, probe));
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
