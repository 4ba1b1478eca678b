using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// The second framing: under a <see cref="NetworkModel"/>, how deep to buffer. Fixed look-ahead buffers form the
/// waste-vs-stall curve; the model's plans (from P(complete) alone, and from the skip-time curve as hints carry
/// them; and, as a control, the skip-time curve with one skip rate for every play) are tuned on the training period to stall no more than a reference fixed buffer did there, then priced on
/// the test period against the fixed curve at the stall they actually reach.
/// </summary>
public static class BufferDepthSimulation
{
    public const string SkipTimeFamily = "skip_time_plan";
    public const string TwoLevelFamily = "two_level_plan";
    public const string WithoutModelFamily = "skip_time_curve_without_model";
    public const double OnDemandSeconds = 4;
    public const double HeadlineReferenceBuffer = 30;

    /// <summary>Dense enough that reading the curve between two of them does not flatter a plan (the curve is convex).</summary>
    public static readonly double[] FixedBufferSeconds = [OnDemandSeconds, 10, 15, 20, 25, 30, 40, 50, 60, 90, 120, 240];
    public static readonly double[] ReferenceBufferSeconds = [10, 20, 30, 60];

    private static readonly double[] ShallowSeconds = [4, 10, 20, 30];
    private static readonly double[] DeepSeconds = [60, 120, 240];
    private static readonly double[] HeardProbabilities = [0.5, 0.7, 0.8, 0.9, 0.95];
    private static readonly double[] CompletionThresholds = [0.5, 0.6, 0.7, 0.8, 0.9];

    private sealed record Run(BufferTotals Totals, PlaybackResult[] Results);

    /// <summary>Plays policies on the player and the network's per-play outages.</summary>
    private sealed class Runner(PlaybackSimulator player, NetworkModel network)
    {
        public Run Play(BufferPolicy policy, IReadOnlyList<CachePlay> plays)
        {
            var results = plays.Select(p => player.Play(p.TrackSeconds, p.HeardSeconds, policy.PlanFor(p), network.TraceFor(p.PlayId))).ToArray();
            return new Run(BufferTotals.Sum(policy.Name, plays, results, Enumerable.Range(0, plays.Count)), results);
        }

        public List<Run> PlayAll(IReadOnlyList<BufferPolicy> policies, IReadOnlyList<CachePlay> plays) =>
            policies.AsParallel().AsOrdered().Select(p => Play(p, plays)).ToList();
    }

    public static BufferDepthReport Simulate(IReadOnlyList<CachePlay> training, IReadOnlyList<CachePlay> test, SkipTimeCurve curve, NetworkModel network,
        PlaybackSimulator player, HintRule hints, IProgress<string>? steps = null)
    {
        var runner = new Runner(player, network);
        var fixedPolicies = FixedBufferSeconds.Select(BufferPolicy.Fixed).ToList();
        var families = PlanFamilies(curve, training.Count == 0 ? 0 : training.Count(p => p.HeardSeconds < p.TrackSeconds) / (double)training.Count);
        steps?.Report($"buffer depth: {fixedPolicies.Count} fixed buffers and {families.Sum(f => f.Grid.Count)} plans on {training.Count:N0} training plays");
        var fixedTraining = runner.PlayAll(fixedPolicies, training);
        var gridTraining = families.ToDictionary(f => f.Name, f => runner.PlayAll(f.Grid, training));

        steps?.Report($"buffer depth: the chosen policies on {test.Count:N0} test plays");
        var fixedTest = runner.PlayAll(fixedPolicies, test);
        var fixedFrontier = Frontier(fixedTest.Select(r => r.Totals));
        var comparisons = new List<EqualStallComparison>();
        var headlinePlan = (Run?)null;
        foreach (var reference in ReferenceBufferSeconds)
        {
            var level = fixedTraining[Array.IndexOf(FixedBufferSeconds, reference)].Totals.StallSecondsPerHour;
            foreach (var (family, grid) in families)
            {
                if (LeastWastefulWithin(gridTraining[family], level) is not { } index)
                    continue;
                var chosen = grid[index];
                var run = runner.Play(chosen, test);
                var fixedWaste = WasteAtStall(fixedFrontier, run.Totals.StallSecondsPerHour);
                comparisons.Add(new EqualStallComparison(family, reference, level, chosen.Name, run.Totals, fixedWaste, Reduction(run.Totals.WastedBytes, fixedWaste)));
                if (family == SkipTimeFamily && reference == HeadlineReferenceBuffer)
                    headlinePlan = run;
            }
        }

        var others = runner.PlayAll([BufferPolicy.WholeTrack(), BufferPolicy.Hinted(hints, OnDemandSeconds), BufferPolicy.SkipTimePlan(hints.Plan, curve,
            $"the hints' plan as configured: {BufferPolicy.Describe(hints.Plan)}")], test);
        return new BufferDepthReport(
            new NetworkAssumptions(player.AudioKbps, network.LinkKbps, network.MeanSecondsBetweenOutages, network.MeanOutageSeconds, network.Seed,
                player.StartupSeconds, player.ResumeSeconds, player.StepSeconds),
            fixedTest.Select(r => r.Totals).ToList(), others[0].Totals, others[1].Totals, others[2].Totals, comparisons,
            headlinePlan is null ? [] : BySegment(test, fixedTest, headlinePlan));
    }

    /// <summary>
    /// The plan the Trainer writes into a bundle: the headline choice of <see cref="Simulate"/>, the least wasteful
    /// skip-time plan that stalled no more than the <see cref="HeadlineReferenceBuffer"/> fixed buffer on these plays;
    /// null when none did.
    /// </summary>
    public static PrefetchPlanOptions? ChoosePlan(IReadOnlyList<CachePlay> training, SkipTimeCurve curve, NetworkModel network, PlaybackSimulator player)
    {
        var runner = new Runner(player, network);
        var level = runner.Play(BufferPolicy.Fixed(HeadlineReferenceBuffer), training).Totals.StallSecondsPerHour;
        var grid = PlanGrid();
        return LeastWastefulWithin(runner.PlayAll(grid.ConvertAll(o => BufferPolicy.SkipTimePlan(o, curve)), training), level) is { } index ? grid[index] : null;
    }

    /// <summary>The least wasteful of the runs that stalled no more than <paramref name="stallSecondsPerHour"/>; null when none did.</summary>
    private static int? LeastWastefulWithin(List<Run> runs, double stallSecondsPerHour) =>
        Enumerable.Range(0, runs.Count).Where(i => runs[i].Totals.StallSecondsPerHour <= stallSecondsPerHour)
            .OrderBy(i => runs[i].Totals.WastedBytes).Select(i => (int?)i).FirstOrDefault();

    private static List<PrefetchPlanOptions> PlanGrid() =>
        (from min in ShallowSeconds from max in DeepSeconds from q in HeardProbabilities
            select new PrefetchPlanOptions { MinBufferSeconds = min, MaxBufferSeconds = max, HeardProbability = q }).ToList();

    private static (string Name, List<BufferPolicy> Grid)[] PlanFamilies(SkipTimeCurve curve, double trainingSkipRate)
    {
        var planGrid = PlanGrid();
        return
        [
            (SkipTimeFamily, planGrid.ConvertAll(o => BufferPolicy.SkipTimePlan(o, curve))),
            (TwoLevelFamily, [.. from low in ShallowSeconds from high in DeepSeconds from t in CompletionThresholds select BufferPolicy.TwoLevel(low, high, t)]),
            (WithoutModelFamily, planGrid.ConvertAll(o => BufferPolicy.SkipTimePlanWithoutModel(o, curve, trainingSkipRate))),
        ];
    }

    /// <summary>The plan within each segment against that segment's own fixed-buffer frontier at the plan's stall there.</summary>
    private static List<SegmentBuffering> BySegment(IReadOnlyList<CachePlay> test, List<Run> fixedTest, Run plan) =>
        PlaySegments.Group(test).Select(g =>
        {
            var planTotals = BufferTotals.Sum(plan.Totals.Policy, test, plan.Results, g.Indexes);
            var fixedWaste = WasteAtStall(Frontier(fixedTest.Select(r => BufferTotals.Sum(r.Totals.Policy, test, r.Results, g.Indexes))), planTotals.StallSecondsPerHour);
            return new SegmentBuffering(g.Segment.Dimension, g.Segment.Segment, planTotals, fixedWaste, Reduction(planTotals.WastedBytes, fixedWaste));
        }).ToList();

    private static double Reduction(long wasted, double fixedBufferWaste) => fixedBufferWaste == 0 ? 0 : 1 - wasted / fixedBufferWaste;

    /// <summary>
    /// The fixed buffers that no other beats on both stall and waste, by rising stall: where buffers tie on stall
    /// (several never stall on a few plays) the least wasteful one stands for them.
    /// </summary>
    public static List<BufferTotals> Frontier(IEnumerable<BufferTotals> fixedBuffers)
    {
        var frontier = new List<BufferTotals>();
        foreach (var totals in fixedBuffers.OrderBy(t => t.StallSecondsPerHour).ThenBy(t => t.WastedBytes))
        {
            if (frontier.Count == 0 || totals.WastedBytes < frontier[^1].WastedBytes)
                frontier.Add(totals);
        }
        return frontier;
    }

    /// <summary>The frontier's waste at a stall level, interpolated linearly between its points (held flat beyond its ends).</summary>
    public static double WasteAtStall(IReadOnlyList<BufferTotals> frontier, double stallSecondsPerHour)
    {
        if (stallSecondsPerHour <= frontier[0].StallSecondsPerHour)
            return frontier[0].WastedBytes;
        for (var i = 1; i < frontier.Count; i++)
        {
            var (low, high) = (frontier[i - 1], frontier[i]);
            if (stallSecondsPerHour <= high.StallSecondsPerHour)
            {
                var share = (stallSecondsPerHour - low.StallSecondsPerHour) / (high.StallSecondsPerHour - low.StallSecondsPerHour);
                return low.WastedBytes + share * (high.WastedBytes - low.WastedBytes);
            }
        }
        return frontier[^1].WastedBytes;
    }
}
