using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Features;

namespace Pozytywka.Trainer.Training;

/// <summary>Row-major feature rows for many plays, built by the serving code's <see cref="FeatureVectorizer"/>.</summary>
public static class FeatureMatrix
{
    /// <param name="leaveOwnOutcomeOut">True for the plays the priors were fitted on, so no row sees its own label.</param>
    public static float[] Build(FeatureSpec spec, Catalog catalog, IReadOnlyList<LabeledPlay> plays, bool leaveOwnOutcomeOut, bool standardize = true)
    {
        var width = spec.Width;
        var rows = new float[plays.Count * width];
        for (var i = 0; i < plays.Count; i++)
        {
            FeatureVectorizer.Write(spec, catalog, plays[i].Input, rows.AsSpan(i * width, width),
                ownOutcome: leaveOwnOutcomeOut ? plays[i].Skipped : null, standardize: standardize);
        }
        return rows;
    }

    public static long[] Labels(IReadOnlyList<LabeledPlay> plays) => plays.Select(p => p.Skipped ? 1L : 0L).ToArray();
}
