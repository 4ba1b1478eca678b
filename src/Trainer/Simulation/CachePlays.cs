using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Training;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>Labelled plays as the cache sees them (<see cref="CachePlay"/>): plays of tracks without a known duration are left out.</summary>
public static class CachePlays
{
    /// <summary>Each play with its skip probability from <paramref name="skipProbabilities"/> (same order).</summary>
    public static List<CachePlay> Of(IReadOnlyList<LabeledPlay> plays, IReadOnlyList<double> skipProbabilities, Catalog catalog,
        SkipTimeCurve skipTimes, double bytesPerSecond)
    {
        return plays.Select((p, i) => (p, Skip: skipProbabilities[i])).Where(k => catalog.FindTrack(k.p.Input.Play.TrackId)?.DurationSeconds is > 0).Select(k =>
        {
            var (p, skip) = k;
            var duration = catalog.FindTrack(p.Input.Play.TrackId)!.DurationSeconds!.Value;
            var storage = catalog.Storage.GetValueOrDefault(p.Input.Play.TrackId);
            return new CachePlay(p.Input.Play.PlayId, storage?.StorageClass, storage is { DailyCost: var cost } && double.IsFinite(cost) ? cost : 0,
                duration, HeardSeconds.Of(p.Skipped, p.SecondsPlayed, duration), 1 - skip, ExpectedHeard.Share(1 - skip, p.Input.Listener.SkipTiming, skipTimes),
                bytesPerSecond, p.Input.Play.Position, p.Input.Listener.PlaysBefore, p.Input.Play.TrackId, p.Input.Play.StartedAt);
        }).ToList();
    }

    /// <summary>The training plays that have an out-of-fold score, with it.</summary>
    public static List<CachePlay> OutOfFold(IReadOnlyList<LabeledPlay> training, OutOfFoldScores scores, Catalog catalog, SkipTimeCurve skipTimes,
        double bytesPerSecond)
    {
        var byPlay = scores.Plays.ToDictionary(p => p.PlayId, p => p.SkipProbability);
        var scored = training.Where(p => byPlay.ContainsKey(p.Input.Play.PlayId)).ToList();
        return Of(scored, scored.ConvertAll(p => byPlay[p.Input.Play.PlayId]), catalog, skipTimes, bytesPerSecond);
    }
}
