using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Pozytywka.Trainer.Evaluation;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>The random-order classifier's waste cuts: the mean over orderings and the middle 95 % of them.</summary>
public sealed record RandomOrderCuts(int Orderings, double MeanAt95PctUseful, Interval At95PctUseful, double MeanAt90PctUseful, Interval At90PctUseful);

/// <summary>
/// A perfect skip classifier that cannot tell when a skip comes, over many orderings: completed plays first, as if
/// known, then the skipped plays in an order unrelated to their timing (a hash of the ordering's number and the play
/// id). Not a bound: a ranking that knows something of the skip time (the hints' listener skip point) can beat it,
/// and one ordering alone is luck, so the figure is the mean over <see cref="Orderings"/> orderings with their spread.
/// </summary>
public static class RandomOrderClassifier
{
    public const int Orderings = 300;

    public static RandomOrderCuts Cuts(IReadOnlyList<CachePlay> plays)
    {
        var cuts = Enumerable.Range(0, Orderings).Select(ordering =>
        {
            var curve = WholeTrackPrefetch.Curve(plays, play => play.UnheardBytes == 0 ? 1 : Unrelated(ordering, play.PlayId));
            return (At95: WholeTrackPrefetch.WasteCutKeeping(curve, 0.95), At90: WholeTrackPrefetch.WasteCutKeeping(curve, 0.90));
        }).ToList();
        return new RandomOrderCuts(Orderings, cuts.Average(c => c.At95), Interval.Middle95(cuts.Select(c => c.At95)), cuts.Average(c => c.At90),
            Interval.Middle95(cuts.Select(c => c.At90)));
    }

    /// <summary>A number in [0, 1) fixed by the ordering and the play id alone.</summary>
    private static double Unrelated(int ordering, string playId) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{ordering}:{playId}"))) / (ulong.MaxValue + 1.0);
}
