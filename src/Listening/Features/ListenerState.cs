using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>
/// What the event stream has taught about one listener so far. Premium is point in time: it starts as the
/// listener was when the export's sessions began (<see cref="Catalog.Listener.PremiumAtStart"/>, never the users
/// file's final state), then follows the stream: BUY_PREMIUM makes a listener premium, an ADVERTISEMENT shows
/// they are not.
/// </summary>
internal sealed class ListenerState(bool premiumAtStart, int historyCapacity)
{
    public int ClosedPlays { get; private set; }
    public int ClosedSkips { get; private set; }
    public bool Premium { get; set; } = premiumAtStart;
    public ListenerHistory History { get; } = new(historyCapacity);

    public void Record(Track? track, bool skipped)
    {
        ClosedPlays++;
        if (skipped)
            ClosedSkips++;
        History.Add(track, skipped);
    }

    public ListenerSnapshot Snapshot(Track? track) => new(ClosedPlays, ClosedSkips, Premium, TasteFeatures.Compute(History, track));
}
