namespace Pozytywka.Listening.Hints;

/// <summary>
/// Seconds of constant-bitrate audio as whole bytes: one rule for the bytes <c>simulate-cache</c> prices and the bytes
/// the processor counts live, so the two agree to the byte on the same plays.
/// </summary>
public static class AudioBytes
{
    public static double PerSecond(double kbps) => kbps * 1000 / 8;

    public static long Of(double seconds, double bytesPerSecond) => (long)Math.Round(seconds * bytesPerSecond);
}
