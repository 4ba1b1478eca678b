using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;

namespace Pozytywka.Trainer.Training;

/// <summary>Row-major feature rows for many plays, built by the serving code's <see cref="FeatureVectorizer"/>.</summary>
public static class FeatureMatrix
{
    /// <summary>
    /// The rows a network learns from (<paramref name="fit"/>, with point-in-time priors) and, when given, the later
    /// plays it is judged on, which see the priors of all the fit plays, as serving does.
    /// </summary>
    public static TrainingRows Rows(FeatureSpec spec, Catalog catalog, IReadOnlyList<LabeledPlay> fit, IReadOnlyList<LabeledPlay>? validation = null) =>
        new(spec.Width, Build(spec, catalog, fit, pointInTimePriors: true), Labels(fit),
            validation is null ? null : Build(spec, catalog, validation, pointInTimePriors: false), validation is null ? null : Labels(validation));

    /// <param name="pointInTimePriors">
    /// True for the plays the priors were fitted on: each row sees the track and artist skip counts of the fit plays
    /// that started before it, as serving sees counts of plays before the one it scores; never its own label or a later one.
    /// </param>
    public static float[] Build(FeatureSpec spec, Catalog catalog, IReadOnlyList<LabeledPlay> plays, bool pointInTimePriors, bool standardize = true)
    {
        var width = spec.Width;
        var rows = new float[plays.Count * width];
        var inOrder = Enumerable.Range(0, plays.Count).OrderBy(i => plays[i].Input.Play.StartedAt).ToList();
        using var priorsAt = pointInTimePriors ? SkipPriors.Before(inOrder.Select(i => PriorInput(catalog, plays[i]))).GetEnumerator() : null;
        foreach (var i in inOrder)
        {
            priorsAt?.MoveNext();
            FeatureVectorizer.Write(spec, catalog, plays[i].Input, rows.AsSpan(i * width, width), priorsAtPlay: priorsAt?.Current, standardize: standardize);
        }
        return rows;
    }

    /// <summary>What a play adds to the skip priors.</summary>
    public static (string TrackId, string? ArtistId, bool Skipped) PriorInput(Catalog catalog, LabeledPlay play) =>
        (play.Input.Play.TrackId, catalog.FindTrack(play.Input.Play.TrackId)?.ArtistId, play.Skipped);

    public static long[] Labels(IReadOnlyList<LabeledPlay> plays) => plays.Select(p => p.Skipped ? 1L : 0L).ToArray();
}
