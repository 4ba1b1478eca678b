using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.StreamProcessor.Diagnostics;

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

    /// <summary>The stream's variants, each scoring with a model of the registry; a bare name follows its champion as it changes.</summary>
    public static ScoringExperiment LoadExperiment(ScoringOptions options, ModelRegistry registry, ILogger log)
    {
        var variants = options.EffectiveVariants.Select(v =>
        {
            var model = registry.Find(v.Model) ?? throw new FileNotFoundException($"no bundle for variant {v.Name}'s model '{v.Model}' under {options.ModelsDirectory}");
            log.VariantLoaded(v.Name, model.Name, model.Version, model.Directory, options.Device, v.Weight);
            return new ScoringVariant(v.Name, () => (registry.Find(v.Model) ?? model).Scorer, v.Weight, label => registry.Find(label)?.Scorer);
        }).ToList();
        return new ScoringExperiment(options.ExperimentId, variants);
    }
}
