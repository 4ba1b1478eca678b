using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>How the edge makes room.</summary>
public enum Eviction
{
    /// <summary>Least recently used.</summary>
    [JsonStringEnumMemberName("lru")]
    Lru,

    /// <summary>Least frequently used while cached (ties: least recently used).</summary>
    [JsonStringEnumMemberName("lfu")]
    Lfu,

    /// <summary>Greedy-dual size frequency: keeps what is requested often and costly to fetch again per byte.</summary>
    [JsonStringEnumMemberName("gdsf")]
    Gdsf,

    /// <summary>Not a policy: Belady's offline optimum, evicting what is next requested furthest in the future.</summary>
    [JsonStringEnumMemberName("belady")]
    Belady,
}
