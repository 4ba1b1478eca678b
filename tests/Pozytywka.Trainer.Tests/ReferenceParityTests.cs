using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Reference;
using Pozytywka.Trainer.Synthetic;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Tests;

/// <summary>
/// The processor's reconstruction (<see cref="Listening.Features.ListeningTimeline"/>, as the Trainer replays an export)
/// and the test code's separate statement of the README's rules (<see cref="ReferenceReconstruction"/>) make the same
/// plays with the same outcomes, play by play, so the reference can judge the processor in the fault report.
/// </summary>
public class ReferenceParityTests
{
    [Fact]
    public void The_reference_and_the_timeline_agree_play_by_play_on_a_generated_export_with_faults()
    {
        var directory = TestPaths.NewTempDirectory();
        ExportGenerator.Generate(new GeneratorOptions(directory, Users: 40, Sessions: 800, Seed: 21, Faults: true));
        AssertAgree(directory);
    }

    [Fact]
    public void The_reference_and_the_timeline_agree_play_by_play_on_the_real_export() => AssertAgree(TestPaths.RequireRealExport());

    /// <summary>
    /// What neither export holds: listeners interleaved in four partitions, SKIPs of another track, gaps past the
    /// session idle time inside a session, late events of ended sessions, and a clock that jumps back.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_reference_and_the_timeline_agree_play_by_play_on_a_random_interleaved_log(int seed)
    {
        const int partitions = 4;
        var log = RandomEventLog.Generate(seed, events: 20_000, partitions);
        var catalog = new Catalog(new Dictionary<string, Track>(), new Dictionary<string, Artist>(), new Dictionary<string, TrackStorage>(), new Dictionary<long, Listener>());
        var timeline = log.GroupBy(e => e.Partition).OrderBy(p => p.Key)
            .SelectMany(p => PlayReplay.Run(p.Select(e => (Parsed(e.Value!), (int)e.Offset)), new ListeningTimeline(catalog)).OrderBy(r => r.Source)
                .Select(r => (r.Started.Play.PlayId, r.Outcome.Skipped)))
            .ToList();
        var reference = ReferenceReconstruction.Run(log).Plays.Select(p => (p.PlayId, p.Skipped)).ToList();

        Assert.True(reference.Count > 3_000, $"only {reference.Count} plays to compare");
        Assert.Equal(reference, timeline);
    }

    private static Contracts.SessionEvent? Parsed(byte[] line) => Contracts.Json.SessionEventParser.TryParse(line, out var e, out _) ? e : null;

    private static void AssertAgree(string directory)
    {
        var export = new ExportDirectory(directory);
        var faults = new FaultLog();
        var timeline = PlayDataset.Replay(export, CatalogLoader.Load(export, faults), faults).Select(p => (p.Input.Play.PlayId, p.Skipped)).ToList();
        var reference = ReferenceReconstruction.Run(LoggedEvent.FromLines(ExportFacts.Lines(directory, "sessions"))).Plays.Select(p => (p.PlayId, p.Skipped)).ToList();

        Assert.True(reference.Count > 1_000, $"only {reference.Count} plays to compare");
        Assert.Contains(reference, p => p.Skipped);
        Assert.Equal(reference, timeline);
    }
}
