using System.Globalization;
using System.Text;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>Seeded random request bodies: the API's own fields with values of every JSON type, stray fields, nesting and broken JSON.</summary>
public static class RandomJson
{
    private static readonly string[] Fields = ["track_id", "user_id", "session_id", "favourite_genres", "position", "skips_so_far",
        "previous_skipped", "advertisement_before", "premium", "items", "model", "prediction_id", "skipped", "seconds_played", "version", "extra"];

    public static string Body(Random random, string knownTrack) => random.Next(10) switch
    {
        0 => Broken(random, knownTrack),
        1 => Value(random, knownTrack, depth: 0),
        _ => Object(random, knownTrack, depth: 0),
    };

    private static string Object(Random random, string knownTrack, int depth)
    {
        var fields = Enumerable.Range(0, random.Next(0, 8)).Select(_ => Fields[random.Next(Fields.Length)]).Distinct();
        return "{" + string.Join(",", fields.Select(f => $"\"{f}\": {Value(random, knownTrack, depth + 1)}")) + "}";
    }

    private static string Value(Random random, string knownTrack, int depth) => random.Next(depth > 2 ? 9 : 11) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-5, 200).ToString(CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e30 * (random.Next(2) == 0 ? 1 : -1)).ToString("R", CultureInfo.InvariantCulture),
        4 => "99999999999999999999999",
        5 => $"\"{knownTrack}\"",
        6 => $"\"{RandomText(random)}\"",
        7 => "\"\"",
        8 => "-0.0",
        9 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, knownTrack, depth + 1))) + "]",
        _ => Object(random, knownTrack, depth + 1),
    };

    private static string Broken(Random random, string knownTrack)
    {
        var whole = Object(random, knownTrack, 0);
        return whole[..random.Next(whole.Length)];
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 12); i > 0; i--)
            text.Append(random.Next(4) == 0 ? "\\u00e9" : ((char)random.Next('a', 'z' + 1)).ToString());
        return text.ToString();
    }
}
