namespace Pozytywka.Listening.Hints;

/// <summary>One operating point: prefetch whole tracks at or above this expected heard share to keep that share of the useful bytes.</summary>
public sealed record OperatingPoint(double UsefulShare, double WholeTrackAtOrAbove);

/// <summary>
/// Where a bundle's hints should prefetch whole tracks, chosen by the Trainer on the training period's out-of-fold
/// plays (scores from networks that had not learned from them): for each share of the useful bytes from
/// <see cref="LowestShare"/> to <see cref="HighestShare"/> in steps of <see cref="Step"/>, the highest expected-heard-share
/// threshold that keeps at least that share. The processor and <c>simulate-cache</c> read the point for
/// <c>CacheHints:KeepUsefulShare</c> from here, so the live hints run at the operating point that was priced. <see cref="Plan"/>
/// is the prefetch plan chosen on the same plays: the least wasteful skip-time plan that stalled no more than a fixed
/// 30 s buffer under <c>simulate-cache</c>'s default network (null when none did; the configured plan is used then).
/// </summary>
public sealed record HintOperatingPoints(string TunedOn, int TuningPlays, IReadOnlyList<OperatingPoint> Points, PrefetchPlanOptions? Plan = null)
{
    public const string BundleFile = "operating_points.json";
    public const double LowestShare = 0.50;
    public const double HighestShare = 0.99;
    public const double Step = 0.01;

    /// <summary>The shares a bundle holds a point for, lowest first.</summary>
    public static IEnumerable<double> Shares() =>
        Enumerable.Range(0, (int)Math.Round((HighestShare - LowestShare) / Step) + 1).Select(k => Math.Round(LowestShare + k * Step, 2));

    /// <summary>The threshold of the first share at or above <paramref name="usefulShare"/> (so a share between two steps is never short-changed).</summary>
    public double WholeTrackAtOrAbove(double usefulShare)
    {
        foreach (var point in Points)
        {
            if (point.UsefulShare >= usefulShare - 1e-9)
                return point.WholeTrackAtOrAbove;
        }
        throw new ArgumentOutOfRangeException(nameof(usefulShare), usefulShare, $"the bundle's operating points reach {Points[^1].UsefulShare} of the useful bytes at most");
    }

    /// <summary>Throws with what is wrong when the points read from a bundle cannot be used.</summary>
    public void Validate()
    {
        if (Points is not { Count: > 0 })
            throw new InvalidDataException($"{BundleFile}: no points");
        for (var k = 0; k < Points.Count; k++)
        {
            var point = Points[k];
            if (point.UsefulShare is <= 0 or > 1 || !double.IsFinite(point.WholeTrackAtOrAbove))
                throw new InvalidDataException($"{BundleFile}: point {k} ({point.UsefulShare}, {point.WholeTrackAtOrAbove}) is not a share with a threshold");
            if (k > 0 && !(point.UsefulShare > Points[k - 1].UsefulShare && point.WholeTrackAtOrAbove <= Points[k - 1].WholeTrackAtOrAbove))
                throw new InvalidDataException($"{BundleFile}: point {k} does not keep more with a threshold no higher than the one before");
        }
        try
        {
            Plan?.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{BundleFile}: {e.Message}", e);
        }
    }
}
