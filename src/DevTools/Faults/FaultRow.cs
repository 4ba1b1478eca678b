namespace Pozytywka.DevTools.Faults;

/// <summary>
/// One line of the fault report. <see cref="Lost"/>: plays without their hint (tracks the catalog knows) or without
/// exactly one stored record carrying their real outcome. <see cref="DuplicatedDifferently"/>: plays whose copies
/// (of the hint, or of the prediction record) are not byte-identical, or hints of plays the input does not hold.
/// <see cref="Examples"/>: the first few of those plays, each with what was wrong.
/// </summary>
public sealed record FaultRow(string Scenario, int EventsIn, int Plays, int PlaysHinted, int Stored, int DeadLettered, int Lost, int DuplicatedDifferently,
    double? RecoverySeconds, double PeakRssMegabytes, IReadOnlyList<string> Examples)
{
    public const int ExamplesShown = 5;
}
