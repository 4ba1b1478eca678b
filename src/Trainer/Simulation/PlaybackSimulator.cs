using Pozytywka.Contracts;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>What one play cost under one buffering plan: seconds of audio fetched and heard, and the stalls.</summary>
public sealed record PlaybackResult(double FetchedSeconds, double HeardSeconds, double StallSeconds, int Stalls)
{
    public double WastedSeconds => FetchedSeconds - HeardSeconds;
}

/// <summary>
/// A player on a <see cref="LinkTrace"/>: it fetches the first <see cref="StartupSeconds"/> of audio before playing
/// (the start-up delay, the same under every plan, so not counted), then keeps the plan's buffer ahead of the
/// playhead, fetching at the link's rate while the link is up. When the playhead reaches audio not yet fetched
/// the play stalls until <see cref="ResumeSeconds"/> are buffered (or the plan's whole buffer, if smaller). The listener stops at the heard second (the
/// SKIP, or the end of the track): what was fetched beyond it is wasted. Time advances in steps of
/// <see cref="StepSeconds"/>; each step plays, then fetches.
/// </summary>
public sealed record PlaybackSimulator(double AudioKbps, double LinkKbps, double StartupSeconds = 2, double ResumeSeconds = 2, double StepSeconds = 0.25)
{
    public PlaybackResult Play(double trackSeconds, double heardSeconds, PrefetchPlan plan, LinkTrace link)
    {
        if (plan.Steps.Count == 0 || plan.Steps.Any(s => !(s.BufferAheadSeconds > 0)))
            throw new ArgumentException("a plan must buffer something ahead at every step", nameof(plan));
        var rate = LinkKbps / AudioKbps * StepSeconds;
        var heard = Math.Clamp(heardSeconds, 0, trackSeconds);
        var fetched = 0.0;
        var wall = 0.0;
        while (fetched < Math.Min(StartupSeconds, trackSeconds))
        {
            if (link.IsUp(wall))
                fetched = Math.Min(Math.Min(StartupSeconds, trackSeconds), fetched + rate);
            wall += StepSeconds;
        }

        var (playhead, stall, stalls, playing) = (0.0, 0.0, 0, true);
        while (playhead < heard)
        {
            if (playing)
            {
                var advance = Math.Min(StepSeconds, Math.Min(fetched, heard) - playhead);
                playhead += advance;
                if (advance < StepSeconds && playhead < heard)
                {
                    playing = false;
                    stalls++;
                    stall += StepSeconds - advance;
                }
            }
            else
            {
                stall += StepSeconds;
            }
            if (link.IsUp(wall))
                fetched = Math.Max(fetched, Math.Min(fetched + rate, Math.Min(trackSeconds, playhead + plan.BufferAheadAt(playhead))));
            if (!playing && fetched - playhead >= Math.Min(Math.Min(ResumeSeconds, plan.BufferAheadAt(playhead)), trackSeconds - playhead))
                playing = true;
            wall += StepSeconds;
        }
        return new PlaybackResult(fetched, heard, stall, stalls);
    }
}
