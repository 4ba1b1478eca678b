using System.Globalization;

namespace Pozytywka.Contracts;

/// <summary>
/// Export timestamps. The exports write ISO 8601 without a zone, with or without fractional seconds; reading is
/// lenient (any date and time the invariant culture understands, e.g. a space instead of the T) and takes a
/// timestamp without a zone as UTC. <see cref="Format"/> writes the exports' own spelling.
/// </summary>
public static class Timestamps
{
    private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    /// <summary>The exports' own spellings, tried first: an exact parse costs a fraction of the lenient one, per event.</summary>
    private static readonly string[] ExportSpellings = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    public static bool TryParse(string? text, out DateTime utc) =>
        DateTime.TryParseExact(text, ExportSpellings, CultureInfo.InvariantCulture, Utc, out utc)
        || DateTime.TryParse(text, CultureInfo.InvariantCulture, Utc, out utc);

    /// <summary>The export's own spelling: whole seconds bare, otherwise six fractional digits.</summary>
    public static string Format(DateTime utc) =>
        utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
