using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Plays;
using Pozytywka.Trainer.Synthetic;

namespace Pozytywka.Trainer.Tests;

/// <summary>The generator's planted effects are visible in the reconstructed plays, with their signs.</summary>
public class PlantedEffectsTests
{
    [Fact]
    public void Skip_momentum_and_advertisements_raise_the_skip_rate()
    {
        var directory = TestPaths.NewTempDirectory();
        ExportGenerator.Generate(new GeneratorOptions(directory, Users: 40, Sessions: 1500, Seed: 21, Faults: false));
        var export = new ExportDirectory(directory);
        var catalog = CatalogLoader.Load(export, new FaultLog());
        var reconstructor = new PlayReconstructor(id => catalog.FindTrack(id)?.DurationSeconds);
        var output = new List<PlayTransition>();
        foreach (var e in SessionEventReader.Read(export, new FaultLog()))
            reconstructor.Feed(e, output);
        reconstructor.Flush(output);
        var plays = output.OfType<PlayClosed>().ToList();

        static double Rate(IEnumerable<PlayClosed> subset) => subset.Average(p => p.Outcome.Skipped ? 1.0 : 0.0);
        Assert.True(Rate(plays.Where(p => p.Play.PreviousSkipped)) > Rate(plays.Where(p => !p.Play.PreviousSkipped && p.Play.Position > 1)) + 0.1);
        Assert.True(Rate(plays.Where(p => p.Play.AdvertisementBefore)) > Rate(plays.Where(p => !p.Play.AdvertisementBefore)) + 0.05);
        Assert.True(Rate(plays.Where(p => catalog.FindTrack(p.Play.TrackId)![TrackProperty.Popularity] > 60))
            < Rate(plays.Where(p => catalog.FindTrack(p.Play.TrackId)![TrackProperty.Popularity] < 20)));
        Assert.All(plays.Where(p => p.Outcome.ClosedBy == PlayClosedBy.NextPlay),
            p => Assert.Equal(catalog.FindTrack(p.Play.TrackId)!.DurationSeconds!.Value, p.Outcome.SecondsPlayed, 3));
    }
}
