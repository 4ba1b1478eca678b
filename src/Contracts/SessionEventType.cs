namespace Pozytywka.Contracts;

/// <summary>What a listener did. Exports spell these upper- or lowercase; parsing ignores case.</summary>
public enum SessionEventType
{
    Play,
    Skip,
    Like,
    Advertisement,
    BuyPremium,
}

public static class SessionEventTypes
{
    public static bool TryParse(string? text, out SessionEventType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        switch (text.Trim().ToUpperInvariant())
        {
            case "PLAY": type = SessionEventType.Play; return true;
            case "SKIP": type = SessionEventType.Skip; return true;
            case "LIKE": type = SessionEventType.Like; return true;
            case "ADVERTISEMENT": type = SessionEventType.Advertisement; return true;
            case "BUY_PREMIUM": type = SessionEventType.BuyPremium; return true;
            default: return false;
        }
    }

    /// <summary>The wire spelling used by the service's exports and the Kafka topic.</summary>
    public static string ToWire(this SessionEventType type) => type switch
    {
        SessionEventType.Play => "PLAY",
        SessionEventType.Skip => "SKIP",
        SessionEventType.Like => "LIKE",
        SessionEventType.Advertisement => "ADVERTISEMENT",
        SessionEventType.BuyPremium => "BUY_PREMIUM",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>PLAY, SKIP and LIKE name a track; the others carry an empty or null track id.</summary>
    public static bool RefersToTrack(this SessionEventType type) =>
        type is SessionEventType.Play or SessionEventType.Skip or SessionEventType.Like;
}
