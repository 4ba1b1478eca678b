
namespace Pozytywka.DevTools.Faults;

/// <summary>
/// One line of the fault report (<see cref="FaultVerdict"/> says what each count means). <see cref="EventsIn"/>: what
/// the <c>sessions</c> topic holds. <see cref="Examples"/>: the first few wrong plays, each with what was wrong.
/// </summary>
public sealed record FaultRow(string Scenario, int EventsIn, int Plays, int PlaysHinted, int Stored, int DeadLettered, int Lost, int DuplicatedDifferently,
    int IdenticalCopies, double RecoverySeconds, double PeakRssMegabytes, IReadOnlyList<string> Examples)
{
    public const int ExamplesShown = 5;
}
