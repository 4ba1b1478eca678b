namespace Pozytywka.Listening.Features;

/// <summary>
/// When a listener's past skips happened: how many skips have a known share of the track heard, and those shares
/// summed in ten-thousandths. Whole numbers, so a history that gained and lost plays over time and one restored slot
/// by slot hold exactly the same sum. A value, so keeping it current as plays close allocates nothing.
/// </summary>
public readonly record struct SkipTiming(int Skips, long HeardTenThousandths)
{
    private const double Scale = 10_000;

    public static SkipTiming None => default;

    /// <summary>The mean share heard at this listener's skips, shrunk towards <paramref name="prior"/> by <paramref name="pseudoSkips"/> skips at it.</summary>
    public double MeanHeard(double prior, double pseudoSkips) => (HeardTenThousandths / Scale + pseudoSkips * prior) / (Skips + pseudoSkips);

    internal SkipTiming With(float heardAtSkip) => float.IsNaN(heardAtSkip) ? this : new(Skips + 1, HeardTenThousandths + Quantized(heardAtSkip));

    internal SkipTiming Without(float heardAtSkip) => float.IsNaN(heardAtSkip) ? this : new(Skips - 1, HeardTenThousandths - Quantized(heardAtSkip));

    private static long Quantized(float heardAtSkip) => (long)Math.Round(heardAtSkip * Scale);
}
