using System.Globalization;

namespace Pozytywka.Contracts;

/// <summary>Export timestamps: ISO 8601 without zone, with or without fractional seconds; read as UTC.</summary>
public static class Timestamps
{
    private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public static bool TryParse(string? text, out DateTime utc) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, Utc, out utc);

    /// <summary>The export's own spelling: whole seconds bare, otherwise six fractional digits.</summary>
    public static string Format(DateTime utc) =>
        utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
