namespace Pozytywka.DevTools.Faults;

/// <summary>
/// One fault: the processes it runs on (<see cref="Start"/>), the input it replays (the export, changed by
/// <see cref="Input"/>), and what it does once a third of the input is in (<see cref="Fault"/>, which returns when
/// the fault is over).
/// </summary>
public sealed record FaultScenario(
    string Name,
    Func<FaultStage, Task> Start,
    Func<IReadOnlyList<byte[]>, IReadOnlyList<byte[]>> Input,
    Func<FaultStage, FaultOptions, Task> Fault);
