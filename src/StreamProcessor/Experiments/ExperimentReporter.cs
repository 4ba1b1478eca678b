using Pozytywka.Contracts;
using Pozytywka.Listening.Evaluation;
using Pozytywka.StreamProcessor.Outcomes;

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
        var reports = variants.Select(v => Summarise(v.Name, v.Weight / total, byVariant[v.Name])).ToList();

        var (chiSquare, degrees, p) = ExperimentStatistics.SampleRatio(reports.Select(r => r.Assignments).ToList(), variants.Select(v => v.Weight).ToList());
        return new ExperimentReport(experiment, reports, new SampleRatioCheck(chiSquare, degrees, p, p < SampleRatioAlarm),
            reports.Count >= 2 ? Compare(reports[0], reports[1]) : null);
    }

    private static VariantReport Summarise(string name, double share, List<PredictionRecord> records)
    {
        var known = records.Where(r => r.Outcome is not null).ToList();
        var skipped = known.Select(r => r.Outcome!.Skipped).ToList();
        return new VariantReport(name, records.Select(r => $"{r.Model}@{r.ModelVersion}").Distinct().Order(StringComparer.Ordinal).ToList(), share,
            records.Count, known.Count,
            known.Count == 0 ? null : known.Average(r => r.PredictedSkip == r.Outcome!.Skipped ? 1.0 : 0.0),
            known.Count == 0 ? null : ClassificationMetrics.MeanLogLoss(known.Select(r => r.SkipProbability).ToList(), skipped),
            known.Count == 0 ? null : skipped.Average(s => s ? 1.0 : 0.0));
    }

    private static AccuracyComparison Compare(VariantReport first, VariantReport second)
    {
        var correctFirst = (int)Math.Round((first.Accuracy ?? 0) * first.Outcomes);
        var correctSecond = (int)Math.Round((second.Accuracy ?? 0) * second.Outcomes);
        var (z, p) = ExperimentStatistics.TwoProportions(correctFirst, first.Outcomes, correctSecond, second.Outcomes);
        var verdict = p >= Significance || first.Outcomes == 0 || second.Outcomes == 0 ? "not yet significant"
            : z > 0 ? $"{first.Variant} better" : $"{second.Variant} better";
        return new AccuracyComparison(first.Variant, second.Variant, (first.Accuracy ?? 0) - (second.Accuracy ?? 0), z, p, verdict);
    }
}
