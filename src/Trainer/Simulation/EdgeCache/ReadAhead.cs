using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Simulation.EdgeCache;

/// <summary>What the player fetches through the edge at and after a PLAY.</summary>
public enum ReadAhead
{
    /// <summary>Each segment when the playhead reaches it.</summary>
    [JsonStringEnumMemberName("on_demand")]
    OnDemand,

    /// <summary>One segment ahead of the playhead.</summary>
    [JsonStringEnumMemberName("just_in_time_1")]
    JustInTime1,

    /// <summary>Two segments ahead of the playhead.</summary>
    [JsonStringEnumMemberName("just_in_time_2")]
    JustInTime2,

    /// <summary>Every segment of the track at PLAY.</summary>
    [JsonStringEnumMemberName("whole_track")]
    WholeTrack,

    /// <summary>
    /// From the hint: the whole track at PLAY when its expected heard share reaches the operating point tuned out of
    /// fold, else one segment ahead; an EVICT hint (P(complete) below the eviction threshold) keeps the play's segments
    /// out of the edge (served through, not admitted).
    /// </summary>
    [JsonStringEnumMemberName("hint_driven")]
    HintDriven,

    /// <summary>Not a policy: knows each play's heard seconds and fetches exactly those segments at PLAY.</summary>
    [JsonStringEnumMemberName("oracle")]
    Oracle,
}
