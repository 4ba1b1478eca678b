using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Tests;

public class NetworkModelTests
{
    private static List<bool> Sample(LinkTrace trace, double seconds) =>
        Enumerable.Range(0, (int)(seconds * 4)).Select(i => trace.IsUp(i * 0.25)).ToList();

    [Fact]
    public void Every_policy_sees_the_same_outages_for_a_play_and_other_plays_see_others()
    {
        var network = NetworkModel.Default;
        Assert.Equal(Sample(network.TraceFor("7-3"), 3600), Sample(network.TraceFor("7-3"), 3600));
        Assert.NotEqual(Sample(network.TraceFor("7-3"), 3600), Sample(network.TraceFor("7-4"), 3600));
        Assert.NotEqual(Sample(network.TraceFor("7-3"), 3600), Sample((network with { Seed = 2 }).TraceFor("7-3"), 3600));
    }

    [Fact]
    public void Over_many_plays_the_link_is_down_for_the_share_its_means_imply()
    {
        // 120 s up and 8 s down on average: down 8 / 128 = 6.25 % of the time, from the first second on.
        var network = NetworkModel.Default;
        var samples = Enumerable.Range(0, 400).SelectMany(i => Sample(network.TraceFor($"play-{i}"), 300)).ToList();
        Assert.InRange(samples.Count(up => !up) / (double)samples.Count, 0.05, 0.075);
        var firstSecond = Enumerable.Range(0, 4000).Count(i => !network.TraceFor($"start-{i}").IsUp(0)) / 4000.0;
        Assert.InRange(firstSecond, 0.045, 0.08);
    }
}
