using Pozytywka.Contracts;

namespace Pozytywka.Listening.Plays;

/// <summary>What feeding one event to the reconstruction produced.</summary>
public abstract record PlayTransition;

/// <summary>A PLAY arrived: the moment to predict.</summary>
public sealed record PlayStarted(PlayContext Play) : PlayTransition;

/// <summary>The play's outcome is known.</summary>
public sealed record PlayClosed(PlayContext Play, PlayOutcome Outcome) : PlayTransition;

/// <summary>An event that could not be placed in a play; counted, never fatal.</summary>
public sealed record PlayFault(SessionEvent Event, PlayFaultKind Kind, string Reason) : PlayTransition;

public enum PlayFaultKind
{
    /// <summary>A SKIP while nothing was playing in its session.</summary>
    SkipWithoutPlay,

    /// <summary>A SKIP naming another track than the one playing.</summary>
    SkipOfOtherTrack,

    /// <summary>An event for a session that had already ended (its listener moved on to another session).</summary>
    EventAfterSessionEnd,
}
