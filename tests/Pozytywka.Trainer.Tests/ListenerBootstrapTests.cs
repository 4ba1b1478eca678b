using Pozytywka.Trainer.Evaluation;

namespace Pozytywka.Trainer.Tests;

public class ListenerBootstrapTests
{
    /// <summary>
    /// 100 listeners with 20 plays each, half of the listeners skipping every play and half none: resampling listeners,
    /// the skip rate is a binomial share of 100 draws, so its 95 % interval is 0.5 ± 1.96 × √(0.25 / 100) = [0.402, 0.598]
    /// (a bootstrap over plays, treating the 2,000 plays as independent, would give the far narrower ±0.022).
    /// </summary>
    [Fact]
    public void Resampling_listeners_gives_the_spread_of_listeners_not_of_plays()
    {
        var listenerOfPlay = Enumerable.Range(0, 2_000).Select(i => (long)(i / 20)).ToList();
        var skipped = listenerOfPlay.Select(listener => listener % 2 == 0).ToList();

        var interval = ListenerBootstrap.Of(listenerOfPlay, plays => plays.Average(i => skipped[i] ? 1.0 : 0.0), seed: 3);

        Assert.InRange(interval.Low, 0.38, 0.42);
        Assert.InRange(interval.High, 0.58, 0.62);
    }

    [Fact]
    public void A_figure_every_resample_agrees_on_has_no_spread()
    {
        var interval = ListenerBootstrap.Of([1, 1, 2, 3], _ => 0.7, seed: 1);
        Assert.Equal(new Interval(0.7, 0.7), interval);
    }
}
