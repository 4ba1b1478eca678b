using Pozytywka.Contracts;
using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>A way of buffering plays: the plan it gives each play.</summary>
public sealed record BufferPolicy(string Name, Func<CachePlay, PrefetchPlan> PlanFor)
{
    public static BufferPolicy Fixed(double seconds) => new($"fixed {seconds:0} s buffer", _ => Constant(seconds));

    public static BufferPolicy WholeTrack() => new("whole track at PLAY", _ => Constant(double.PositiveInfinity));

    /// <summary>The hints as configured, read as a player would: the whole track where PREFETCH, otherwise the on-demand buffer.</summary>
    public static BufferPolicy Hinted(HintRule rule, double onDemandSeconds) =>
        new($"the hints as configured: whole track where PREFETCH, else {onDemandSeconds:0} s", play =>
            Constant(rule.Decide(play.CompletionProbability, play.ExpectedHeardShare) == CacheDecision.Prefetch ? double.PositiveInfinity : onDemandSeconds));

    /// <summary>The plan from P(complete) alone: a deep buffer for a likely completion, a shallow one otherwise.</summary>
    public static BufferPolicy TwoLevel(double shallowSeconds, double deepSeconds, double completionThreshold) =>
        new($"P(complete) >= {completionThreshold:0.00} ? {deepSeconds:0} s : {shallowSeconds:0} s", play =>
            Constant(play.CompletionProbability >= completionThreshold ? deepSeconds : shallowSeconds));

    /// <summary>The plan hints carry: <see cref="PrefetchPlanner"/> with the skip-time curve and the play's skip probability.</summary>
    public static BufferPolicy SkipTimePlan(PrefetchPlanOptions options, SkipTimeCurve curve, string? name = null)
    {
        var planner = new PrefetchPlanner(options);
        return new(name ?? $"skip-time plan: {Describe(options)}", play => planner.Plan(1 - play.CompletionProbability, play.TrackSeconds, curve));
    }

    /// <summary>The same planner with one skip probability for every play: what the skip-time curve does without the model.</summary>
    public static BufferPolicy SkipTimePlanWithoutModel(PrefetchPlanOptions options, SkipTimeCurve curve, double skipRate)
    {
        var planner = new PrefetchPlanner(options);
        return new($"skip-time curve, no model (p = {skipRate:0.00}): {Describe(options)}", play => planner.Plan(skipRate, play.TrackSeconds, curve));
    }

    public static string Describe(PrefetchPlanOptions options) =>
        $"{options.MinBufferSeconds:0}-{options.MaxBufferSeconds:0} s, heard with p >= {options.HeardProbability:0.00}";

    private static PrefetchPlan Constant(double seconds) => new(PrefetchPlan.CurrentVersion, [new BufferStep(0, seconds)]);
}
