using TorchSharp;

namespace Pozytywka.Listening.Model;

/// <summary>Chooses where tensors live: <c>auto</c> is CUDA when the CUDA backend is present and sees a GPU.</summary>
public static class TorchDevices
{
    /// <summary>Every use of libtorch here starts by choosing a device, so this runs before libtorch loads.</summary>
    static TorchDevices() => OpenMpWaitPolicy.PreferPassive();

    public static torch.Device Resolve(string choice) => choice.ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" => torch.cuda.is_available()
            ? torch.CUDA
            : throw new InvalidOperationException("--device cuda was asked for, but CUDA is not available (build with -p:TorchBackend=cuda on a GPU host)"),
        "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
        _ => throw new ArgumentException($"unknown device '{choice}': use auto, cpu or cuda", nameof(choice)),
    };

    /// <summary>The device, with libtorch's CPU thread pool limited to <paramref name="cpuThreads"/> (process-wide).</summary>
    public static torch.Device WithCpuThreads(string choice, int cpuThreads)
    {
        torch.set_num_threads(cpuThreads);
        return Resolve(choice);
    }
}
