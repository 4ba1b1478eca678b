using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Hints;

namespace Pozytywka.Trainer.Training;

/// <summary>Learns a bundle's <see cref="SkipTimeCurve"/> from its training plays.</summary>
public static class SkipTimes
{
    /// <summary>The fraction of each skipped play heard before its SKIP; plays of tracks without a duration are left out.</summary>
    public static SkipTimeCurve Learn(Catalog catalog, IEnumerable<LabeledPlay> training) =>
        SkipTimeCurve.Learn(training.Where(p => p.Skipped)
            .Select(p => catalog.FindTrack(p.Input.Play.TrackId)?.DurationSeconds is > 0 and var seconds ? p.SecondsPlayed / seconds : double.NaN));
}
