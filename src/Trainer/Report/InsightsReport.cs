using Pozytywka.Trainer.Analysis;
using Pozytywka.Trainer.Evaluation;

namespace Pozytywka.Trainer.Report;

/// <summary>A group's skip rate with its size and 95 % Wilson interval.</summary>
public sealed record RateRow(string Group, int Plays, double Rate, double Low, double High);

public sealed record RateBreakdown(string Variable, IReadOnlyList<RateRow> Rows);

public sealed record MutualInformationRow(string Variable, double Nats, string Estimator);

public sealed record CorrelationMatrix(string Method, IReadOnlyList<string> Names, double[,] Values);

/// <summary>One listener's strongest taste split at the end of the export (see <c>TasteSplit</c>).</summary>
public sealed record TasteSplitRow(long Listener, string Attribute, double Cut, double SkipRateBelow, double SkipRateAbove, double Strength);

/// <summary>Everything the insights page shows, computed before any of it is drawn.</summary>
public sealed record InsightsReport(
    ExportAnalysis Quality,
    IReadOnlyList<MutualInformationRow> MutualInformation,
    IReadOnlyList<RateBreakdown> Breakdowns,
    CorrelationMatrix Pearson,
    CorrelationMatrix Spearman,
    IReadOnlyList<BundleScore> Models,
    IReadOnlyList<TasteSplitRow> TasteSplits,
    Simulation.CacheSimulationReport? Simulation = null);
