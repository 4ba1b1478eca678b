namespace Pozytywka.Contracts;

/// <summary>
/// How far ahead of the playhead to keep a track buffered as the play goes on, chosen from the model's skip
/// probability and its skip-time curve. A consumer applies the last step whose <see cref="BufferStep.FromSecond"/>
/// the playhead has reached. <see cref="Version"/> names the shape; a consumer that does not know a version
/// ignores the plan and acts on the hint's decision alone, as consumers written before plans existed do.
/// </summary>
public sealed record PrefetchPlan(int Version, IReadOnlyList<BufferStep> Steps)
{
    public const int CurrentVersion = 1;

    /// <summary>Seconds of audio to keep buffered ahead once the playhead is at <paramref name="heardSeconds"/>.</summary>
    public double BufferAheadAt(double heardSeconds)
    {
        var ahead = Steps[0].BufferAheadSeconds;
        foreach (var step in Steps)
        {
            if (step.FromSecond > heardSeconds)
                break;
            ahead = step.BufferAheadSeconds;
        }
        return ahead;
    }

    /// <summary>Plans are equal step by step, so a hint read back from the topic equals the hint that was sent.</summary>
    public bool Equals(PrefetchPlan? other) => other is not null && Version == other.Version && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Version, Steps.Count);
}

/// <summary>From <see cref="FromSecond"/> of the track on, keep <see cref="BufferAheadSeconds"/> of audio buffered ahead of the playhead.</summary>
public sealed record BufferStep(double FromSecond, double BufferAheadSeconds);
