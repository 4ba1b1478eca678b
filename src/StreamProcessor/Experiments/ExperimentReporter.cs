using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>Reads an experiment's logged predictions and outcomes from the store and judges it.</summary>
public sealed class ExperimentReporter(IPredictionStore store)
{
    public const double SampleRatioAlarm = 0.001;
    public const double Significance = 0.05;

    public async Task<ExperimentReport> ReportAsync(string experiment, IReadOnlyList<(string Name, double Weight)> variants, CancellationToken cancellationToken)
    {
        var byVariant = variants.ToDictionary(v => v.Name, _ => new List<PredictionRecord>());
        await foreach (var record in store.ReadAsync(new PredictionQuery(Experiment: experiment), cancellationToken))
        {
            if (byVariant.TryGetValue(record.Variant, out var list))
                list.Add(record);
        }
        var total = variants.Sum(v => v.Weight);
        var qualities = variants.Select(v => OutcomeQuality.Of(byVariant[v.Name])).ToList();
        var reports = variants.Select((v, i) => Summarise(v.Name, v.Weight / total, byVariant[v.Name], qualities[i])).ToList();

        var (chiSquare, degrees, p) = ExperimentStatistics.SampleRatio(reports.Select(r => r.Assignments).ToList(), variants.Select(v => v.Weight).ToList());
        return new ExperimentReport(experiment, reports, new SampleRatioCheck(chiSquare, degrees, p, p < SampleRatioAlarm),
            reports.Count >= 2 ? Compare(reports[0].Variant, qualities[0], reports[1].Variant, qualities[1]) : null);
    }

    private static VariantReport Summarise(string name, double share, List<PredictionRecord> records, OutcomeQuality quality) =>
        new(name, records.Select(r => $"{r.Model}@{r.ModelVersion}").Distinct().Order(StringComparer.Ordinal).ToList(), share,
            records.Count, quality.Outcomes, quality.Accuracy, quality.LogLoss, quality.SkipRate);

    private static AccuracyComparison Compare(string first, OutcomeQuality a, string second, OutcomeQuality b)
    {
        var (z, p) = ExperimentStatistics.TwoProportions(a.Correct, a.Outcomes, b.Correct, b.Outcomes);
        var verdict = p >= Significance || a.Outcomes == 0 || b.Outcomes == 0 ? "not yet significant"
            : z > 0 ? $"{first} better" : $"{second} better";
        return new AccuracyComparison(first, second, (a.Accuracy ?? 0) - (b.Accuracy ?? 0), z, p, verdict);
    }
}
