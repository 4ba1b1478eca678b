using System.Globalization;
using System.Text;
using Pozytywka.Reference;

namespace Pozytywka.Trainer.Tests;

/// <summary>
/// A seeded random sessions log, spread over partitions by listener as the topic is: a handful of listeners whose
/// events interleave, every event type, SKIPs of the playing track and of others, gaps inside a session longer than
/// the session idle time, late events of a session that ended (one of the listener's last three), and a clock that
/// sometimes jumps back, as a replay from the past does.
/// </summary>
internal static class RandomEventLog
{
    public static List<LoggedEvent> Generate(int seed, int events, int partitions)
    {
        var random = new Random(seed);
        var now = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var nextSession = 1L;
        var sessions = Enumerable.Range(1, 12).ToDictionary(user => (long)user, _ => new List<long> { nextSession++ });
        var playing = new Dictionary<long, string>();
        var offsets = new long[partitions];
        var log = new List<LoggedEvent>(events);
        for (var i = 0; i < events; i++)
        {
            now = now.AddSeconds(random.NextDouble() switch { < 0.01 => -7_200, < 0.02 => 1_900 + random.Next(2_000), < 0.4 => 0, _ => random.Next(1, 240) });
            var user = (long)random.Next(1, 13);
            var history = sessions[user];
            if (random.NextDouble() < 0.1)
                history.Add(nextSession++);
            var session = random.NextDouble() < 0.03 && history.Count > 1 ? history[^Math.Min(history.Count, random.Next(2, 5))] : history[^1];
            var track = $"t{random.Next(30)}";
            var type = random.NextDouble() switch { < 0.4 => "PLAY", < 0.65 => "SKIP", < 0.8 => "LIKE", < 0.95 => "ADVERTISEMENT", _ => "buy_premium" };
            if (type == "PLAY")
                playing[user] = track;
            else if (type is "SKIP" or "LIKE" && random.NextDouble() < 0.8 && playing.TryGetValue(user, out var current))
                track = current;
            var json = $$"""{"timestamp": "{{now.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture)}}", "user_id": {{user}}, "track_id": {{(type is "PLAY" or "SKIP" or "LIKE" ? $"\"{track}\"" : "null")}}, "event_type": "{{type}}", "session_id": {{session}}}""";
            var partition = (int)(user % partitions);
            log.Add(new LoggedEvent(partition, offsets[partition]++, Encoding.UTF8.GetBytes(json)));
        }
        return log;
    }
}
