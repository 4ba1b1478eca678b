namespace Pozytywka.Reference;

/// <summary>A play as the README's rules make it, with where its PLAY stood in the log.</summary>
public sealed record ReferencePlay(string PlayId, long UserId, long SessionId, string TrackId, bool Skipped, int Partition, long Offset);
