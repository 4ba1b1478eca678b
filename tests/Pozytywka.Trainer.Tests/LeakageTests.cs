using Pozytywka.Contracts;
using Pozytywka.Listening.Catalog;
using Pozytywka.Listening.Exports;
using Pozytywka.Listening.Features;
using Pozytywka.Listening.Plays;
using Pozytywka.Trainer.Training;

namespace Pozytywka.Trainer.Tests;

/// <summary>Nothing known only after a PLAY may reach its features.</summary>
public class LeakageTests
{
    [Fact]
    public void Mutating_or_deleting_everything_after_a_play_leaves_its_features_unchanged()
    {
        var (export, catalog, events) = GeneratedExport.Create(users: 10, sessions: 120, seed: 41);
        var spec = FeatureSpecFitter.Fit(FeatureSet.Advanced, catalog, PlayDataset.Replay(export, catalog, new FaultLog()), seed: 1);
        Assert.Subset(spec.Names.ToHashSet(), TasteFeatures.Names.ToHashSet()); // the listener-taste features are compared too

        var random = new Random(5);
        var playIndexes = events.Select((e, i) => (e, i)).Where(x => x.e.Type == SessionEventType.Play && x.i > 100).Select(x => x.i).ToList();
        foreach (var cut in Enumerable.Range(0, 20).Select(_ => playIndexes[random.Next(playIndexes.Count)]))
        {
            var full = FeaturesAt(spec, catalog, events, cut);
            var truncated = FeaturesAt(spec, catalog, events.Take(cut + 1).ToList(), cut);
            var mutated = events.Take(cut + 1).Concat(events.Skip(cut + 1).Select(e => Mutate(e, random))).ToList();

            Assert.Equal(full, truncated);
            Assert.Equal(full, FeaturesAt(spec, catalog, mutated, cut));
        }
    }

    /// <summary>Flip skips and likes, turn some plays into advertisements, move times, swap tracks: a different future.</summary>
    private static SessionEvent Mutate(SessionEvent e, Random random)
    {
        var type = e.Type switch
        {
            SessionEventType.Skip => SessionEventType.Like,
            SessionEventType.Like => SessionEventType.Skip,
            SessionEventType.Play when random.Next(3) == 0 => SessionEventType.Advertisement,
            _ => e.Type,
        };
        var track = type.RefersToTrack() ? (random.Next(3) == 0 ? "someOtherTrack" : e.TrackId ?? "someOtherTrack") : null;
        return e with { Timestamp = e.Timestamp.AddSeconds(random.Next(-50, 50)), Type = type, TrackId = track };
    }

    private static float[] FeaturesAt(FeatureSpec spec, Catalog catalog, IReadOnlyList<SessionEvent> events, int playIndex)
    {
        var timeline = new ListeningTimeline(catalog);
        var output = new List<PlayTransition>();
        PlayToScore? target = null;
        for (var i = 0; i < events.Count; i++)
        {
            timeline.Feed(events[i], output);
            if (i == playIndex)
                target = output.OfType<PlayToScore>().Last();
        }
        timeline.Flush(output);
        var features = new float[spec.Width];
        FeatureVectorizer.Write(spec, catalog, target!, features);
        return features;
    }
}
