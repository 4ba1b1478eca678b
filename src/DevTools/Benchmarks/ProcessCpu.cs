using System.Diagnostics;

namespace Pozytywka.DevTools.Benchmarks;

/// <summary>
/// This process's CPU time, user plus system (on Linux .NET reads both from <c>/proc/self/stat</c>). Divided by the
/// events of a pass it holds on a noisy shared machine, where a throughput does not: time spent waiting for a core
/// another process holds is not counted.
/// </summary>
public readonly record struct ProcessCpu(TimeSpan Used)
{
    public static ProcessCpu Now()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessCpu(self.TotalProcessorTime);
    }

    public double MicrosecondsPerEventSince(ProcessCpu start, long events) => (Used - start.Used).TotalMicroseconds / Math.Max(1, events);
}
