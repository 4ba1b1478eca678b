namespace Pozytywka.Listening.Features;

/// <summary>A listener's history as it stood when a play started: only plays whose outcome was already known.</summary>
public sealed record ListenerSnapshot(int PlaysBefore, int SkipsBefore, bool Premium);
