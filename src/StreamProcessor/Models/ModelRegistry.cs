using System.Collections.Immutable;
using System.Text.Json;
using Pozytywka.Listening.Hints;
using Pozytywka.Listening.Model;
using Prometheus;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor.Models;

/// <summary>
/// Every bundle in the models directory, loaded, and which version of each model is its champion. New versions
/// dropped into the directory are picked up by <see cref="Refresh"/> without a restart; promotion is persisted
/// in <c>champions.json</c> there. Readers take an immutable snapshot, so a reload or a promotion never
/// disturbs a request in flight; loaded models are kept (they are small) so none disappears under a reader.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    public const string ChampionsFile = "champions.json";

    private readonly string _directory;
    private readonly Listening.Catalog.Catalog _catalog;
    private readonly TorchSharp.torch.Device _device;
    private readonly TimeProvider _clock;
    private readonly ILogger<ModelRegistry> _log;
    private readonly Counter _errorsHandled;
    private readonly int _listenerHistory;
    private readonly CacheDecisionPolicy _hints;
    private readonly Lock _writes = new();
    private Snapshot _current = new(ImmutableDictionary<string, LoadedModel>.Empty, ImmutableDictionary<string, string>.Empty);

    /// <param name="errorsHandled">Counts, by where, the bundles rejected and the figures that could not be read (each also logged).</param>
    /// <param name="listenerHistory">Closed plays the processor keeps per listener; a bundle fitted with another number is not loaded.</param>
    /// <param name="hints">The processor's hint policy; a bundle it has no rule for (no operating points, no skip times) is not loaded.</param>
    public ModelRegistry(string directory, Listening.Catalog.Catalog catalog, TorchSharp.torch.Device device, TimeProvider clock, ILogger<ModelRegistry> log,
        Counter errorsHandled, CacheDecisionPolicy hints, int listenerHistory = Listening.Features.ListeningTimeline.DefaultListenerHistory)
    {
        (_directory, _catalog, _device, _clock, _log, _listenerHistory, _hints) = (directory, catalog, device, clock, log, listenerHistory, hints);
        _errorsHandled = errorsHandled;
        Refresh();
    }

    /// <summary>Every loaded version, with the champion version of each model name.</summary>
    public sealed record Snapshot(ImmutableDictionary<string, LoadedModel> ByLabel, ImmutableDictionary<string, string> Champions)
    {
        public bool IsChampion(LoadedModel model) => Champions.GetValueOrDefault(model.Name) == model.Version;
    }

    public Snapshot Current => Volatile.Read(ref _current);

    /// <summary>A model by <c>name</c> (its champion) or <c>name@version</c>; null when there is none.</summary>
    public LoadedModel? Find(string reference)
    {
        var snapshot = Current;
        var (name, version) = BundleLocator.Split(reference);
        version ??= snapshot.Champions.GetValueOrDefault(name);
        return version is null ? null : snapshot.ByLabel.GetValueOrDefault($"{name}@{version}");
    }

    /// <summary>Loads versions not loaded yet; a bundle that fails to load is logged and skipped.</summary>
    public void Refresh()
    {
        lock (_writes)
        {
            var loaded = Current.ByLabel;
            foreach (var directory in BundleLocator.All(_directory))
            {
                try
                {
                    var manifest = ModelBundle.ReadManifest(directory);
                    var label = $"{manifest.Name}@{manifest.Version}";
                    if (loaded.ContainsKey(label))
                        continue;
                    var scorer = ModelBundle.Load(directory, _catalog, _device);
                    try
                    {
                        if (scorer.Spec.ListenerHistory != _listenerHistory)
                        {
                            throw new InvalidDataException($"its features keep {scorer.Spec.ListenerHistory} closed plays per listener; " +
                                $"this processor keeps {_listenerHistory} (Scoring:ListenerHistory)");
                        }
                        _hints.RuleFor(scorer.OperatingPoints, scorer.SkipTimes, label);
                    }
                    catch (InvalidDataException)
                    {
                        scorer.Dispose();
                        throw;
                    }
                    loaded = loaded.Add(label, new LoadedModel(manifest.Name, manifest.Version, scorer, MetricsOf(directory), _clock.GetUtcNow().UtcDateTime, directory));
                    _log.ModelLoaded(label, directory);
                }
                catch (InvalidDataException e)
                {
                    _log.ModelRejected(directory, e.Message);
                    _errorsHandled.WithLabels("model_rejected").Inc();
                }
            }
            Volatile.Write(ref _current, new Snapshot(loaded, Champions(loaded)));
        }
    }

    /// <summary>The Trainer's figures for a bundle; a bundle whose metrics.json cannot be read still scores, without them.</summary>
    private OfflineMetrics? MetricsOf(string directory)
    {
        try
        {
            return OfflineMetrics.Read(directory);
        }
        catch (InvalidDataException e)
        {
            _log.ModelMetricsUnreadable(directory, e.Message);
            _errorsHandled.WithLabels("model_metrics_unreadable").Inc();
            return null;
        }
    }

    /// <summary>Makes <paramref name="version"/> the champion of <paramref name="name"/>; false when no such version is loaded.</summary>
    public bool Promote(string name, string version)
    {
        lock (_writes)
        {
            var snapshot = Current;
            if (!snapshot.ByLabel.ContainsKey($"{name}@{version}"))
                return false;
            var champions = snapshot.Champions.SetItem(name, version);
            File.WriteAllText(Path.Combine(_directory, ChampionsFile), JsonSerializer.Serialize(champions.ToDictionary()));
            Volatile.Write(ref _current, snapshot with { Champions = champions });
            _log.Promoted(name, version);
            return true;
        }
    }

    public void Dispose()
    {
        foreach (var model in Current.ByLabel.Values)
            model.Scorer.Dispose();
    }

    /// <summary>The promoted version where one is recorded and loaded, else the most recently created.</summary>
    private ImmutableDictionary<string, string> Champions(ImmutableDictionary<string, LoadedModel> loaded)
    {
        var path = Path.Combine(_directory, ChampionsFile);
        var promoted = File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [] : [];
        return loaded.Values.GroupBy(m => m.Name).ToImmutableDictionary(
            g => g.Key,
            g => promoted.TryGetValue(g.Key, out var version) && g.Any(m => m.Version == version)
                ? version
                : g.MaxBy(m => m.Scorer.Manifest.CreatedAt)!.Version);
    }
}
