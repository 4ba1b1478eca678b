namespace Pozytywka.Listening.Features;

/// <summary>
/// A listener's history as it stood when a play started: only plays whose outcome was already known. <see cref="Taste"/>
/// holds the <see cref="TasteFeatures"/> of the starting track, computed once however many models score the play;
/// <see cref="SkipTiming"/> says how far into a track the listener's past skips came.
/// </summary>
public sealed record ListenerSnapshot(int PlaysBefore, int SkipsBefore, bool Premium, IReadOnlyList<float> Taste, SkipTiming SkipTiming)
{
    private static readonly IReadOnlyList<float> NoTaste = TasteFeatures.Compute(new ListenerHistory(1), null);

    /// <summary>A listener the service knows nothing about yet (the HTTP API's requests carry no history).</summary>
    public static ListenerSnapshot Unknown(bool premium) => new(0, 0, premium, NoTaste, SkipTiming.None);
}
