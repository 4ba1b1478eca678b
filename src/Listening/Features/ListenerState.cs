using Pozytywka.Listening.Catalog;

namespace Pozytywka.Listening.Features;

/// <summary>
/// What the event stream has taught about one listener so far. Premium is strictly point in time: it comes from
/// the stream alone (BUY_PREMIUM makes a listener premium, an ADVERTISEMENT shows they are not), never from the
/// users file, which holds each listener's final state and would mark a listener premium before they bought it.
/// </summary>
internal sealed class ListenerState(int historyCapacity)
{
    public int ClosedPlays { get; private set; }
    public int ClosedSkips { get; private set; }
    public bool Premium { get; set; }
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
