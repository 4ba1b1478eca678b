using Pozytywka.Contracts;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;

namespace Pozytywka.Trainer.Tests;

/// <summary>The users file shows each listener's final state; a play must see the premium state of its own moment.</summary>
public class PointInTimePremiumTests
{
    [Fact]
    public void A_listener_who_buys_premium_in_the_export_is_premium_only_from_the_purchase_on()
    {
        var (_, catalog, events) = GeneratedExport.Create(users: 40, sessions: 1500, seed: 21);
        var buyers = events.Where(e => e.Type == SessionEventType.BuyPremium).Select(e => e.UserId).ToHashSet();
        Assert.NotEmpty(buyers);
        Assert.All(buyers, buyer => Assert.True(catalog.Listeners[buyer].Premium, $"{buyer} bought premium, so users.jsonl shows it"));
        Assert.All(buyers, buyer => Assert.False(catalog.Listeners[buyer].PremiumAtStart));

        var timeline = new ListeningTimeline(catalog);
        var output = new List<PlayTransition>();
        var bought = new HashSet<long>();
        var premiumAtStart = catalog.Listeners.Values.Where(l => l.PremiumAtStart).Select(l => l.UserId).ToHashSet();
        Assert.NotEmpty(premiumAtStart);
        var checkedPlays = 0;
        foreach (var e in events)
        {
            if (e.Type == SessionEventType.BuyPremium)
                bought.Add(e.UserId);
            timeline.Feed(e, output);
            foreach (var play in output.OfType<PlayToScore>())
            {
                var expected = bought.Contains(play.Play.UserId) || premiumAtStart.Contains(play.Play.UserId);
                Assert.Equal(expected, play.Listener.Premium);
                checkedPlays++;
            }
            output.Clear();
        }
        Assert.True(checkedPlays > 1000);
    }
}
