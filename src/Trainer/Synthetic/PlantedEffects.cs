namespace Pozytywka.Trainer.Synthetic;

/// <summary>
/// The skip model hidden in generated exports: the log-odds of a skip are the sum of these terms, so tests
/// can check that analysis and models recover each effect with its sign. Documented in docs/synthetic-data.md.
/// </summary>
public static class PlantedEffects
{
    public const double Intercept = -0.9;
    public const double PreviousSkipped = 1.3;
    public const double PerSkipSoFar = 0.25;
    public const int SkipsSoFarCap = 4;
    public const double Premium = -0.8;
    public const double FavouriteGenreMatch = -1.1;
    public const double PerPopularityPointAbove50 = -0.02;
    public const double AdvertisementBefore = 0.9;
    public const double ListenerBiasStd = 0.6;

    /// <summary>
    /// Each listener skips tracks on one side of a personal danceability cut (uniform in [<see cref="TasteCutLow"/>,
    /// <see cref="TasteCutHigh"/>], the side a coin flip) more often: a listener × attribute interaction that no
    /// population-wide feature can see, only the listener's own history.
    /// </summary>
    public const double DislikedSideOfTaste = 1.2;
    public const double TasteCutLow = 0.35;
    public const double TasteCutHigh = 0.65;

    public static double SkipLogOdds(bool previousSkipped, int skipsSoFar, bool premium, bool genreMatch,
        double popularity, bool advertisementBefore, double listenerBias, bool dislikedByTaste) =>
        Intercept
        + (previousSkipped ? PreviousSkipped : 0)
        + PerSkipSoFar * Math.Min(skipsSoFar, SkipsSoFarCap)
        + (premium ? Premium : 0)
        + (genreMatch ? FavouriteGenreMatch : 0)
        + PerPopularityPointAbove50 * (popularity - 50)
        + (advertisementBefore ? AdvertisementBefore : 0)
        + listenerBias
        + (dislikedByTaste ? DislikedSideOfTaste : 0);
}
