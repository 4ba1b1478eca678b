namespace Pozytywka.DevTools.Faults;

/// <summary>What <c>faults</c> replays, how fast, and how long its outages last.</summary>
public sealed record FaultOptions(string Data, string Models, int Events, double Rate, TimeSpan BrokerOutage)
{
    /// <summary>How long a scenario may take, after its replay, to deliver every hint and outcome.</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long a partition may receive nothing before its open sessions end: far shorter than a broker outage, so
    /// that an outage ending sessions early (it must not: the broker cannot confirm the partition is read) shows in the report.
    /// </summary>
    public static readonly TimeSpan QuietPartition = TimeSpan.FromSeconds(3);

    /// <summary>How long a quiet partition's end must stay put before its sessions end; the replay has flushed by then.</summary>
    public static readonly TimeSpan ProducerRetryWindow = TimeSpan.FromSeconds(2);
}
