namespace Pozytywka.Listening.Features;

/// <summary>
/// What the event stream has taught about one listener so far. Premium is point-in-time: the catalog's flag
/// holds until the stream shows otherwise (an ADVERTISEMENT means not premium now, BUY_PREMIUM means premium),
/// because the users file shows each listener's final state, which would leak a later purchase.
/// </summary>
internal sealed class ListenerState(bool premiumInCatalog)
{
    public int ClosedPlays { get; private set; }
    public int ClosedSkips { get; private set; }
    public bool Premium { get; set; } = premiumInCatalog;

    public void Record(bool skipped)
    {
        ClosedPlays++;
        if (skipped)
            ClosedSkips++;
    }

    public ListenerSnapshot Snapshot() => new(ClosedPlays, ClosedSkips, Premium);
}
