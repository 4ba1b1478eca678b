using System.Xml.Linq;
using Pozytywka.Trainer.Report;
using Pozytywka.Trainer.Synthetic;

namespace Pozytywka.Trainer.Tests;

public class InsightsReportTests(TrainedModelsFixture trained) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public void Planted_effects_lead_the_mutual_information_ranking_and_their_rates_point_the_planted_way()
    {
        var output = TestPaths.NewTempDirectory();
        var (report, _) = InsightsReportBuilder.Build(trained.Export, output, models: null);

        var top = report.MutualInformation.Take(5).Select(m => m.Variable).ToList();
        Assert.Contains("previous_skipped", top);
        Assert.Contains("skips_so_far", top);
        Assert.True(Rate(report, "previous_skipped", "1") > Rate(report, "previous_skipped", "0"));
        Assert.True(Rate(report, "advertisement_before", "1") > Rate(report, "advertisement_before", "0"));
        Assert.True(Rate(report, "premium", "1") < Rate(report, "premium", "0"));
        Assert.True(Rate(report, "genre_overlap", "1") < Rate(report, "genre_overlap", "0"));
        var unplanted = report.MutualInformation.Single(m => m.Variable == "tempo").Nats;
        Assert.True(report.MutualInformation.Single(m => m.Variable == "previous_skipped").Nats > 10 * unplanted);
    }

    [Fact]
    public void The_page_parses_and_every_image_it_references_exists()
    {
        var output = TestPaths.NewTempDirectory();
        var page = ReportPage(trained.Export, output, trained.Models);

        var images = ImageSources(page);
        Assert.True(images.Count >= 14 + 1 + 2 + 7 + 4, $"only {images.Count} images");
        Assert.All(images, src => Assert.True(File.Exists(Path.Combine(output, src)), src));
        Assert.Contains("advanced@v1", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_builds_on_an_export_with_injected_faults()
    {
        var export = TestPaths.NewTempDirectory();
        ExportGenerator.Generate(new GeneratorOptions(export, Users: 15, Sessions: 200, Seed: 3, Faults: true));
        var output = TestPaths.NewTempDirectory();
        var page = ReportPage(export, output, models: null);

        Assert.All(ImageSources(page), src => Assert.True(File.Exists(Path.Combine(output, src)), src));
        Assert.Contains("sessions.(line): invalid JSON", File.ReadAllText(page), StringComparison.Ordinal);
    }

    private static string ReportPage(string export, string output, string? models)
    {
        var (report, charts) = InsightsReportBuilder.Build(export, output, models);
        return InsightsPage.Write(report, charts, output);
    }

    /// <summary>The page is well-formed enough to parse as XML; its images are every img src.</summary>
    private static List<string> ImageSources(string page)
    {
        var document = XDocument.Parse(File.ReadAllText(page).Replace("<!DOCTYPE html>", "", StringComparison.Ordinal));
        return document.Descendants("img").Select(i => (string)i.Attribute("src")!).ToList();
    }

    private static double Rate(InsightsReport report, string variable, string group) =>
        report.Breakdowns.Single(b => b.Variable == variable).Rows.Single(r => r.Group == group).Rate;
}
