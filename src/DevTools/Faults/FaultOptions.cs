namespace Pozytywka.DevTools.Faults;

/// <summary>What <c>faults</c> replays, how fast, and how long its outages last.</summary>
public sealed record FaultOptions(string Data, string Models, int Events, double Rate, TimeSpan BrokerOutage)
{
    /// <summary>How long a scenario may take, after its replay, to deliver every hint and outcome.</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(3);

    /// <summary>How long a session may hear nothing before it ends: longer than a broker outage, which stops its events.</summary>
    public TimeSpan SessionIdle => BrokerOutage + TimeSpan.FromSeconds(5);
}
