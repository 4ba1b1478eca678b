namespace Pozytywka.Trainer.Synthetic;

/// <summary>
/// What to generate. <see cref="Faults"/> adds every fault kind the readers must tolerate; without
/// <see cref="Signal"/> every play is skipped with the same probability, so nothing in it can be learned.
/// </summary>
public sealed record GeneratorOptions(string OutputDirectory, int Users, int Sessions, int Seed, bool Faults)
{
    public bool Signal { get; init; } = true;

    public int Tracks => Math.Clamp(Sessions * 2, 500, 50_000);
    public int Artists => Math.Max(50, Tracks / 3);
    public static DateTime Epoch { get; } = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
