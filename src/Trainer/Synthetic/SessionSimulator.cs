namespace Pozytywka.Trainer.Synthetic;

/// <summary>
/// Plays out every listener's sessions against <see cref="PlantedEffects"/> and writes the events in the
/// export's order: listener by listener, session by session. A skipped play's SKIP and the next PLAY share
/// one timestamp; a completed play's next PLAY comes exactly its duration later, as in the real exports.
/// </summary>
public sealed class SessionSimulator(SyntheticWorld world, GeneratorOptions options, SyntheticRandom random, FaultManifest? faults)
{
    private const double FavouriteGenrePickRate = 0.5;
    private const double AdvertisementRate = 0.25;
    private const double BuyPremiumAfterAdRate = 0.01;
    private const double LikeWhenCompletedRate = 0.12;
    private const double LikeBeforeSkipRate = 0.03;
    private const double FaultLineRate = 0.05;
    private const int LowercaseEveryNth = 97;

    private long _sessionId;
    private long _events;
    private int _faultLines;

    public void Run(EventLineWriter writer, IProgress<double>? progress = null)
    {
        for (var u = 0; u < world.Users.Length; u++)
        {
            var user = world.Users[u];
            var sessions = options.Sessions / world.Users.Length + (u < options.Sessions % world.Users.Length ? 1 : 0);
            var clock = Ms(GeneratorOptions.Epoch.AddHours(random.Uniform(0, 48)));
            for (var s = 0; s < sessions; s++)
            {
                clock = PlaySession(writer, user, ++_sessionId, clock);
                clock = Ms(clock.AddMinutes(10 + random.Exponential(20 * 60)));
            }
            progress?.Report((u + 1.0) / world.Users.Length);
        }
    }

    private DateTime PlaySession(EventLineWriter writer, SyntheticUser user, long sessionId, DateTime t)
    {
        if (faults is not null && random.Chance(FaultLineRate))
            WriteFaultLine(writer, user, sessionId, t);

        var plays = 3 + (int)random.Exponential(14);
        var skipsSoFar = 0;
        var previousSkipped = false;
        for (var p = 0; p < plays; p++)
        {
            var premium = user.PremiumAtStart || user.BoughtPremium;
            var advertisement = !premium && random.Chance(AdvertisementRate);
            if (advertisement)
            {
                Write(writer, t, user.UserId, "", "ADVERTISEMENT", sessionId);
                if (random.Chance(BuyPremiumAfterAdRate))
                {
                    user.BoughtPremium = true;
                    Write(writer, t.AddSeconds(2), user.UserId, "", "BUY_PREMIUM", sessionId);
                }
                t = Ms(t.AddSeconds(random.Uniform(15, 30)));
            }

            var track = world.Tracks[PickTrack(user)];
            var dislikedByTaste = track.Danceability <= user.DanceabilityCut == user.DislikesLowDanceability;
            var logOdds = options.Signal
                ? PlantedEffects.SkipLogOdds(previousSkipped, skipsSoFar, premium, world.GenreMatch(user, track),
                    track.Popularity, advertisement, user.SkipBias, dislikedByTaste)
                : PlantedEffects.Intercept;
            var skipped = random.Uniform() < 1 / (1 + Math.Exp(-logOdds));

            Write(writer, t, user.UserId, track.Id, "PLAY", sessionId);
            var duration = track.DurationMs / 1000.0;
            if (skipped)
            {
                var playedFor = random.Uniform(3, 0.8 * duration);
                if (random.Chance(LikeBeforeSkipRate))
                    Write(writer, Ms(t.AddSeconds(random.Uniform(0, playedFor))), user.UserId, track.Id, "LIKE", sessionId);
                t = Ms(t.AddSeconds(playedFor));
                Write(writer, t, user.UserId, track.Id, "SKIP", sessionId);
                skipsSoFar++;
            }
            else
            {
                if (random.Chance(LikeWhenCompletedRate))
                    Write(writer, Ms(t.AddSeconds(random.Uniform(0, duration))), user.UserId, track.Id, "LIKE", sessionId);
                t = t.AddMilliseconds(track.DurationMs);
            }
            previousSkipped = skipped;
        }
        return t;
    }

    private int PickTrack(SyntheticUser user)
    {
        if (random.Chance(FavouriteGenrePickRate))
        {
            var candidates = world.TracksByGenre[random.Pick(user.FavouriteGenres)];
            if (candidates.Count > 0)
                return random.Pick(candidates);
        }
        return world.PopularTrack(random);
    }

    /// <summary>Event types are written lowercase now and then under --faults: a variant the readers must accept.</summary>
    private void Write(EventLineWriter writer, DateTime t, long userId, string trackId, string eventType, long sessionId)
    {
        _events++;
        var type = faults is not null && _events % LowercaseEveryNth == 0 ? eventType.ToLowerInvariant() : eventType;
        writer.Write(t, userId, trackId, type, sessionId);
    }

    /// <summary>One extra faulty line before a session begins, cycling through every session-side fault kind.</summary>
    private void WriteFaultLine(EventLineWriter writer, SyntheticUser user, long sessionId, DateTime t)
    {
        var before = Ms(t.AddSeconds(-1));
        var track = world.Tracks[random.Below(world.Tracks.Length)].Id;
        switch (_faultLines++ % 7)
        {
            case 0:
                writer.WriteRaw("{\"timestamp\": \"2023-01-0");
                faults!.Add("sessions", "(line)", "invalid JSON");
                break;
            case 1:
                writer.Write(before, user.UserId, track, "PAUSE", sessionId);
                faults!.Add("sessions", "event_type", "unknown value");
                break;
            case 2:
                writer.Write(before, null, track, "PLAY", sessionId);
                faults!.Add("sessions", "user_id", "missing");
                break;
            case 3:
                writer.Write(before, user.UserId, track, "PLAY", -1);
                faults!.Add("sessions", "session_id", "missing");
                break;
            case 4:
                writer.Write(before, user.UserId, "", "PLAY", sessionId);
                faults!.Add("sessions", "track_id", "missing");
                break;
            case 5:
                writer.Write(before, user.UserId, track, "SKIP", sessionId);
                faults!.Add("plays", "SKIP", "SkipWithoutPlay");
                faults.SkipsWithoutPrecedingPlay++;
                break;
            default:
                writer.Write(before, user.UserId, random.Id(), "LIKE", sessionId);
                faults!.SessionTracksMissingFromTracks++;
                faults.SessionEventsWithMissingTrack++;
                break;
        }
    }

    private static DateTime Ms(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
