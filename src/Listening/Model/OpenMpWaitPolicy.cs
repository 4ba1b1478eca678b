using System.Runtime.InteropServices;

namespace Pozytywka.Listening.Model;

/// <summary>
/// libtorch's OpenMP threads spin while they wait for work by default. On a machine whose cores are shared (the test
/// suite training beside real processes, two <c>serve</c> instances on one host, a numpy job next door) a spinning
/// waiter holds a core its peer needs, and a parallel region waits for a thread that cannot run: training took 30 times
/// longer beside another spinning process. Passive waiting costs a few microseconds per region and makes contention
/// cost time in proportion. OpenMP reads the setting once, when libtorch loads, so it must be in the process's native
/// environment before then (<see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach it on Linux).
/// An operator's own <c>OMP_WAIT_POLICY</c> is left as it is.
/// </summary>
internal static partial class OpenMpWaitPolicy
{
    public const string Variable = "OMP_WAIT_POLICY";

    public static void PreferPassive()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(Variable) is null)
            _ = SetEnv(Variable, "PASSIVE", overwrite: 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
