using Pozytywka.Listening.Hints;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Model;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.Tests;
using Pozytywka.Trainer.Training;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// The processor scores for days in one process while HTTP requests score beside it and new versions are loaded.
/// Under forced collections and finalizer runs, concurrent scoring through the registry must keep returning the
/// bundle's exact scores while versions are dropped in, loaded and promoted; and a scorer disposed while others
/// score must refuse cleanly instead of freeing a module in use.
/// </summary>
[Collection(TrainedExportGroup.Name)]
public class ScorerLifetimeStressTests(TrainedExport trained)
{
    private const int Scorers = 3;

    [Fact]
    public async Task Concurrent_scoring_through_hot_reloads_and_promotions_keeps_the_exact_scores()
    {
        var models = TestDirectories.New();
        CopyBundle(trained.BundleDirectory, models, "v1");
        using var registry = new ModelRegistry(models, trained.Catalog, TorchSharp.torch.CPU, TimeProvider.System, NullLogger<ModelRegistry>.Instance, new StreamMetrics().ErrorsHandled,
            new CacheDecisionPolicy(new CacheHintOptions()));
        var plays = Plays(200);
        var expected = registry.Find("advanced")!.Scorer.Score(plays);

        using var collector = new ForcedCollections();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var scored = 0;
        var scoring = Enumerable.Range(0, Scorers).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal(expected, registry.Find("advanced")!.Scorer.Score(plays));
                Interlocked.Increment(ref scored);
            }
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        var versions = 1;
        while (!stop.IsCancellationRequested)
        {
            var version = $"v{++versions}";
            CopyBundle(trained.BundleDirectory, models, version);
            registry.Refresh();
            Assert.True(registry.Promote("advanced", version), $"{version} was not loaded");
        }
        await Task.WhenAll(scoring);

        Assert.True(versions > 10, $"only {versions} versions were loaded");
        Assert.True(scored > 50, $"only {scored} batches were scored");
        Assert.True(collector.Collections > 50, $"only {collector.Collections} forced collections ran");
    }

    [Fact]
    public async Task A_scorer_disposed_while_others_score_refuses_cleanly()
    {
        var catalog = trained.Catalog;
        var plays = Plays(2000);
        for (var round = 0; round < 100; round++)
        {
            var scorer = ModelBundle.Load(trained.BundleDirectory, catalog);
            var expected = scorer.Score(plays);
            using var started = new CountdownEvent(Scorers);
            var scoring = Enumerable.Range(0, Scorers).Select(_ => Task.Factory.StartNew(() =>
            {
                started.Signal();
                while (true)
                {
                    double[] scores;
                    try
                    {
                        scores = scorer.Score(plays);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                    Assert.Equal(expected, scores);
                }
            }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

            started.Wait(TestContext.Current.CancellationToken);
            scorer.Dispose();
            await Task.WhenAll(scoring);
        }
    }

    private List<PlayToScore> Plays(int count) =>
        PlayDataset.Replay(new ExportDirectory(trained.Directory), trained.Catalog, new FaultLog()).Take(count).Select(p => p.Input).ToList();

    private static void CopyBundle(string bundle, string models, string version)
    {
        var target = Path.Combine(models, "advanced", version);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(bundle))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        var manifestPath = Path.Combine(target, ModelBundle.ManifestFile);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["version"] = version;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }
}
