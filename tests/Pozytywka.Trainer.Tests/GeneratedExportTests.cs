using System.IO.Compression;
using System.Security.Cryptography;
using Pozytywka.Listening.Exports;
using Pozytywka.Trainer.Analysis;
using Pozytywka.Trainer.Synthetic;

namespace Pozytywka.Trainer.Tests;

public class GeneratedExportTests
{
    private static string Generate(int seed, bool faults, int sessions = 300)
    {
        var directory = TestPaths.NewTempDirectory();
        ExportGenerator.Generate(new GeneratorOptions(directory, Users: 20, Sessions: sessions, Seed: seed, Faults: faults));
        return directory;
    }

    private static string Digest(string directory) =>
        string.Join(",", Directory.GetFiles(directory).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)}={Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    [Fact]
    public void The_same_seed_writes_the_same_export_and_another_seed_another()
    {
        Assert.Equal(Digest(Generate(5, faults: true)), Digest(Generate(5, faults: true)));
        Assert.NotEqual(Digest(Generate(5, faults: false)), Digest(Generate(6, faults: false)));
    }

    [Fact]
    public void Analyze_counts_exactly_the_faults_that_were_injected()
    {
        var directory = Generate(11, faults: true, sessions: 600);
        var manifest = ExportGenerator.ReadManifest(directory);
        var a = ExportAnalyzer.Analyze(new ExportDirectory(directory)).Report;

        Assert.NotEmpty(manifest.Faults);
        Assert.Equal(manifest.Faults.OrderBy(f => f.Key, StringComparer.Ordinal),
            a.Faults.Select(f => KeyValuePair.Create($"{f.File}.{f.Field}: {f.Kind}", f.Count)).OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(manifest.DuplicateArtistNames, a.DuplicateArtistNames);
        Assert.Equal(manifest.DuplicateTrackNameArtistRows, a.DuplicateTrackNameArtistRows);
        Assert.Equal(manifest.SessionTracksMissingFromTracks, a.Integrity.SessionTracksMissingFromTracks);
        Assert.Equal(manifest.SessionEventsWithMissingTrack, a.Integrity.SessionEventsWithMissingTrack);
        Assert.Equal(manifest.TracksWithoutStorage, a.Integrity.TracksWithoutStorage);
        Assert.Equal(manifest.TracksWithMissingArtist, a.Integrity.TracksWithMissingArtist);
        Assert.Equal(manifest.SkipsWithoutPrecedingPlay, a.SkipsWithoutPrecedingPlay);
    }

    [Fact]
    public void A_clean_export_has_no_faults_and_every_skip_follows_its_play()
    {
        var a = ExportAnalyzer.Analyze(new ExportDirectory(Generate(12, faults: false))).Report;

        Assert.Empty(a.Faults);
        Assert.Equal(a.EventsPerType["PLAY"], a.Plays);
        Assert.Equal(a.EventsPerType["SKIP"], a.SkippedPlays);
        Assert.InRange(a.SkipRate, 0.2, 0.6);
    }

    [Fact]
    public void A_gzipped_export_reads_the_same_as_the_plain_one()
    {
        var directory = Generate(13, faults: true);
        var plain = ExportAnalyzer.Analyze(new ExportDirectory(directory)).Report;

        var sessions = Path.Combine(directory, "sessions.jsonl");
        using (var source = File.OpenRead(sessions))
        using (var target = new GZipStream(File.Create(sessions + ".gz"), CompressionLevel.Fastest))
            source.CopyTo(target);
        File.Delete(sessions);
        var gzipped = ExportAnalyzer.Analyze(new ExportDirectory(directory)).Report;

        Assert.Equal(plain.EventsPerType, gzipped.EventsPerType);
        Assert.Equal((plain.Plays, plain.SkippedPlays), (gzipped.Plays, gzipped.SkippedPlays));
        Assert.Equal(plain.Faults.Select(f => (f.File, f.Field, f.Kind, f.Count)), gzipped.Faults.Select(f => (f.File, f.Field, f.Kind, f.Count)));
    }

    [Fact]
    public void The_analysis_json_and_histograms_are_written()
    {
        var directory = Generate(14, faults: false);
        var result = ExportAnalyzer.Analyze(new ExportDirectory(directory));
        var written = AnalysisOutput.Write(result, Path.Combine(directory, "out", "analysis.json"));

        Assert.All(written, path => Assert.True(new FileInfo(path).Length > 0, path));
        Assert.Contains("\"skip_rate\"", File.ReadAllText(written[0]), StringComparison.Ordinal);
        Assert.All(written.Where(p => p.EndsWith(".png", StringComparison.Ordinal)),
            png => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]));
    }
}
