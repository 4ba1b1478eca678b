namespace Pozytywka.Reference;

/// <summary>What the reference makes of a log: its plays, and the SKIPs that found no play of their track to close.</summary>
public sealed record ReferenceResult(List<ReferencePlay> Plays, long UnmatchedSkips);
