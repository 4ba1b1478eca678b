namespace Pozytywka.Listening.Hints;

/// <summary>How much of a track a closed play heard, as the cache counts it: to the SKIP, or the whole track.</summary>
public static class HeardSeconds
{
    public static double Of(bool skipped, double secondsPlayed, double trackSeconds) =>
        skipped ? Math.Clamp(secondsPlayed, 0, trackSeconds) : trackSeconds;
}
