using System.Text.Json.Serialization;

namespace Pozytywka.Trainer.Simulation;

/// <summary>Everything the buffer-depth framing assumed about audio, link and player.</summary>
public sealed record NetworkAssumptions(double AudioKbps, double LinkKbps, double MeanSecondsBetweenOutages, double MeanOutageSeconds, int Seed,
    double StartupSeconds, double ResumeSeconds, double StepSeconds);

/// <summary>
/// A model-driven plan tuned on the training period to stall no more than a fixed buffer did there, and its waste
/// on the test period against the fixed-buffer curve's waste at the same stall (interpolated; negative when the plan loses).
/// </summary>
public sealed record EqualStallComparison(string Family, double ReferenceBufferSeconds, double TrainingStallSecondsPerHour, string Policy,
    BufferTotals Test, double FixedBufferWastedBytesAtThatStall, double WasteReduction);

/// <summary>The headline plan within one segment of the test plays, against the segment's own fixed-buffer curve at the plan's stall there.</summary>
public sealed record SegmentBuffering(string Dimension, string Segment, BufferTotals Plan, double FixedBufferWastedBytesAtThatStall, double WasteReduction);

/// <summary>The buffer-depth framing on the temporal test period: fixed look-ahead buffers against the model's plans.</summary>
public sealed record BufferDepthReport(
    NetworkAssumptions Network,
    IReadOnlyList<BufferTotals> FixedBuffers,
    BufferTotals WholeTrack,
    BufferTotals HintPolicy,
    BufferTotals ConfiguredPlan,
    IReadOnlyList<EqualStallComparison> EqualStall,
    IReadOnlyList<SegmentBuffering> BySegment)
{
    /// <summary>The skip-time plan at the headline reference buffer's stall level.</summary>
    [JsonIgnore]
    public EqualStallComparison? Headline => EqualStall.FirstOrDefault(c =>
        c.Family == BufferDepthSimulation.SkipTimeFamily && c.ReferenceBufferSeconds == BufferDepthSimulation.HeadlineReferenceBuffer);
}
