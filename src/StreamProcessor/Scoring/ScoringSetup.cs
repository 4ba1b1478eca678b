using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Model;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.StreamProcessor.Models;

namespace Pozytywka.StreamProcessor.Scoring;

/// <summary>Loads what scoring needs at start-up: the catalog (faults counted and logged, never fatal) and each variant's bundle.</summary>
public static class ScoringSetup
{
    public static Listening.Catalog.Catalog LoadCatalog(ScoringOptions options, ILogger log)
    {
        var faults = new FaultLog();
        var catalog = CatalogLoader.Load(new ExportDirectory(options.DataDirectory), faults);
        foreach (var tally in faults.Tallies())
            log.CatalogFault(tally.Key.ToString(), tally.Count, tally.FirstSeen);
        log.CatalogLoaded(options.DataDirectory, catalog.Tracks.Count, catalog.Listeners.Count);
        return catalog;
    }

    public static ScoringExperiment LoadExperiment(ScoringOptions options, Listening.Catalog.Catalog catalog, ILogger log)
    {
        var device = TorchDevices.Resolve(options.Device);
        var variants = options.EffectiveVariants.Select(v =>
        {
            var directory = BundleLocator.Resolve(options.ModelsDirectory, v.Model);
            var scorer = ModelBundle.Load(directory, catalog, device);
            log.VariantLoaded(v.Name, scorer.Manifest.Name, scorer.Manifest.Version, directory, device.type.ToString(), v.Weight);
            return new ScoringVariant(v.Name, scorer, v.Weight);
        }).ToList();
        return new ScoringExperiment(options.ExperimentId, variants);
    }
}
