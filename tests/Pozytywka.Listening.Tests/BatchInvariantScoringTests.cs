using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Pozytywka.Listening.Tests;

/// <summary>
/// A play's probability must not depend on which other plays share its forward pass: a replay after a crash
/// re-scores plays in other micro-batches and must re-emit byte-identical hints.
/// </summary>
public class BatchInvariantScoringTests
{
    private const int Width = 98;

    [Fact]
    public void A_served_row_scores_the_same_bits_alone_in_any_batch_and_at_any_position()
    {
        torch.manual_seed(11);
        using var module = SkipNetwork.PrepareForServing(SkipNetwork.Create(Width, FeatureSet.Advanced), CPU);
        var rows = Rows();
        var random = new Random(6);

        var together = SkipNetwork.SkipProbabilities(module, rows.SelectMany(r => r).ToArray(), Width, CPU);
        var shuffled = Enumerable.Range(0, rows.Count).OrderBy(_ => random.Next()).ToList();
        var reordered = SkipNetwork.SkipProbabilities(module, shuffled.SelectMany(i => rows[i]).ToArray(), Width, CPU);

        for (var i = 0; i < rows.Count; i += 7)
            Assert.Equal(together[i], SkipNetwork.SkipProbabilities(module, rows[i], Width, CPU)[0]);
        for (var k = 0; k < shuffled.Count; k++)
            Assert.Equal(together[shuffled[k]], reordered[k]);
        foreach (var size in new[] { 3, 31, 32, 33, 200, 500 })
            Assert.Equal(together.Take(size), SkipNetwork.SkipProbabilities(module, rows.Take(size).SelectMany(r => r).ToArray(), Width, CPU));
    }

    [Fact]
    public void In_float32_the_same_row_can_score_differently_in_another_batch()
    {
        // Why serving runs in double precision: the training precision shows the drift this guards against.
        torch.manual_seed(11);
        using var module = SkipNetwork.Create(Width, FeatureSet.Advanced);
        module.eval();
        var rows = Rows();
        var together = SkipNetwork.SkipProbabilities(module, rows.SelectMany(r => r).ToArray(), Width, CPU);
        var alone = rows.Select(r => SkipNetwork.SkipProbabilities(module, r, Width, CPU)[0]).ToList();
        Assert.Contains(Enumerable.Range(0, rows.Count), i => together[i] != alone[i]);
    }

    private static List<float[]> Rows()
    {
        var random = new Random(5);
        return Enumerable.Range(0, 777).Select(_ => Enumerable.Range(0, Width).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToList();
    }
}
