using Pozytywka.Listening.Model;

namespace Pozytywka.StreamProcessor.Models;

/// <summary>One bundle in memory, ready to score, with the Trainer's figures for it.</summary>
public sealed record LoadedModel(string Name, string Version, SkipScorer Scorer, OfflineMetrics? Metrics, DateTime LoadedAt, string Directory)
{
    public string Label => $"{Name}@{Version}";
}
