using Pozytywka.Contracts;

namespace Pozytywka.Listening.Hints;

/// <summary>
/// Chooses a play's <see cref="PrefetchPlan"/> from its skip probability at PLAY and the bundle's <see cref="SkipTimeCurve"/>:
/// at each checkpoint of the track, the buffer reaches as far as the listener is still listening with the
/// configured probability. A likely skip gets little beyond what is being heard until the usual skip times are
/// past; a likely completion gets the deep buffer from the start. The processor puts it in hints and
/// <c>simulate-cache</c> prices it: one implementation.
/// </summary>
public sealed class PrefetchPlanner
{
    /// <summary>Checkpoints every 5 % of the track: at most 20 steps per hint.</summary>
    private const int Checkpoints = 20;

    private readonly PrefetchPlanOptions _options;

    public PrefetchPlanner(PrefetchPlanOptions options)
    {
        options.Validate();
        _options = options;
    }

    public PrefetchPlan Plan(double skipProbability, double trackSeconds, SkipTimeCurve curve)
    {
        var steps = new List<BufferStep>();
        for (var k = 0; k < Checkpoints; k++)
        {
            var heard = (double)k / Checkpoints;
            var ahead = Math.Round(BufferAhead(skipProbability, heard, trackSeconds, curve));
            var from = Math.Round(heard * trackSeconds, 1);
            if (steps.Count == 0 || steps[^1].BufferAheadSeconds != ahead)
                steps.Add(new BufferStep(from, ahead));
            if (from + ahead >= trackSeconds)
                break;
        }
        return new PrefetchPlan(PrefetchPlan.CurrentVersion, steps);
    }

    private double BufferAhead(double skipProbability, double heardFraction, double trackSeconds, SkipTimeCurve curve)
    {
        // Still listening at x with probability ≥ q  ⇔  F(x) ≤ (1 − q·(1 − p·F(h))) / p.
        var q = _options.HeardProbability;
        var p = Math.Clamp(skipProbability, 0, 1);
        var reach = p <= 0 ? 1 : curve.FractionWhereSkipped((1 - q * (1 - p * curve.SkippedBy(heardFraction))) / p);
        return Math.Clamp((reach - heardFraction) * trackSeconds, _options.MinBufferSeconds, _options.MaxBufferSeconds);
    }
}
