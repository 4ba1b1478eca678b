namespace Pozytywka.Listening.Hints;

/// <summary>
/// How a hint's <see cref="Contracts.PrefetchPlan"/> is chosen: keep buffered ahead of the playhead only the audio
/// the listener is still expected to hear with at least <see cref="HeardProbability"/>, but never less than
/// <see cref="MinBufferSeconds"/> (a short outage must not stall a likely skip either) nor more than
/// <see cref="MaxBufferSeconds"/>. The defaults are the plan <c>simulate-cache</c> chose on the real export's training period
/// to stall no more than a fixed 30 s buffer under its default network (docs/cache-simulation.md).
/// </summary>
public sealed class PrefetchPlanOptions
{
    public double MinBufferSeconds { get; set; } = 30;

    public double MaxBufferSeconds { get; set; } = 60;

    public double HeardProbability { get; set; } = 0.95;

    public void Validate()
    {
        if (!(MinBufferSeconds > 0) || !(MaxBufferSeconds >= MinBufferSeconds))
            throw new ArgumentException($"plan buffers must satisfy 0 < MinBufferSeconds ({MinBufferSeconds}) <= MaxBufferSeconds ({MaxBufferSeconds})");
        if (HeardProbability is <= 0 or > 1)
            throw new ArgumentException($"plan HeardProbability {HeardProbability} must lie in (0, 1]");
    }
}
