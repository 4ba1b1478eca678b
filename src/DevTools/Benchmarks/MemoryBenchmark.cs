using System.Diagnostics;
using Pozytywka.DevTools.Processes;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// One <c>serve</c> process fed a long replay at a steady rate, its resident memory and per-partition state
/// sampled as it goes: whether memory grows with the events or stays within a bound set by the live listeners.
/// </summary>
public static class MemoryBenchmark
{
    public sealed record Sample(TimeSpan Elapsed, long Replayed, double Handled, double RssMegabytes, double Listeners, double OpenSessions, double EndedSessions);

    public static async Task<IReadOnlyList<Sample>> RunAsync(IReadOnlyDictionary<string, string?> settings, Func<long> replay, TimeSpan sampleEvery,
        Func<long> replayedSoFar, Action<Sample> report)
    {
        using var serve = ServeProcess.Start(settings, quiet: false);
        await serve.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var replaying = Task.Run(replay);
        var clock = Stopwatch.StartNew();
        var samples = new List<Sample>();
        while (true)
        {
            await Task.Delay(sampleEvery);
            var sample = new Sample(clock.Elapsed, replayedSoFar(), await serve.MetricAsync("pozytywka_events_total"), serve.RssMegabytes(),
                await serve.MetricAsync("pozytywka_state_entries{kind=\"listeners\"}"), await serve.MetricAsync("pozytywka_state_entries{kind=\"open_sessions\"}"),
                await serve.MetricAsync("pozytywka_state_entries{kind=\"ended_sessions\"}"));
            samples.Add(sample);
            report(sample);
            if (replaying.IsCompleted && sample.Handled >= await replaying)
                return samples;
            if (serve.HasExited)
                throw new InvalidOperationException("serve exited during the replay");
        }
    }
}
