using Pozytywka.Contracts;
using Pozytywka.Listening.Features;

namespace Pozytywka.DevTools.Faults;

/// <summary>One play the input holds: its outcome, whether it is hinted (its track is in the catalog) and the input line of its PLAY.</summary>
public sealed record ExpectedPlay(string PlayId, bool Skipped, bool Hinted, int Line);

/// <summary>
/// What the processor must end with for an input: every play the same <see cref="ListeningTimeline"/> reconstructs
/// from the lines in order (the parity tests show a processor partitioned by listener reconstructs exactly these).
/// </summary>
public static class ExpectedPlays
{
    public static IReadOnlyList<ExpectedPlay> Of(IReadOnlyList<byte[]> lines, Listening.Catalog.Catalog catalog) =>
        PlayReplay.Run(lines.Select((line, i) => (SessionEventParser.TryParse(line, out var e, out _) ? e : null, i)), new ListeningTimeline(catalog))
            .Select(p => new ExpectedPlay(p.Started.Play.PlayId, p.Outcome.Skipped, catalog.FindTrack(p.Started.Play.TrackId) is not null, p.Source))
            .ToList();
}
