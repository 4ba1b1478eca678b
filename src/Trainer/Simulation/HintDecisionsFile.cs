using System.Globalization;
using System.Text;
using System.Text.Json;
using Pozytywka.Contracts.Json;
using Pozytywka.Listening.Hints;
using Pozytywka.Trainer.Simulation.Model;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// <c>hint_decisions.csv</c>: every play <c>simulate-cache</c> priced, with its period, scores, and the decision and
/// prefetch plan the configured rule gives it (the plan's steps as <c>from_second:buffer_ahead_seconds</c>, separated
/// by <c>;</c>), so the cache team can hold the processor's hints against what was priced, play by play.
/// </summary>
public static class HintDecisionsFile
{
    public const string Name = "hint_decisions.csv";
    public const string Header = "play_id,period,completion_probability,expected_heard_share,decision,plan";

    public static void Write(string path, IReadOnlyList<CachePlay> training, IReadOnlyList<CachePlay> test, HintRule rule, SkipTimeCurve skipTimes)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (period, plays) in new[] { ("training", training), ("test", test) })
        {
            foreach (var play in plays)
            {
                var decision = rule.Decide(play.CompletionProbability, play.ExpectedHeardShare);
                var plan = rule.PlanFor(1 - play.CompletionProbability, play.TrackSeconds, skipTimes)!;
                text.Append(CultureInfo.InvariantCulture, $"{play.PlayId},{period},{play.CompletionProbability:R},{play.ExpectedHeardShare:R},")
                    .Append(JsonSerializer.Serialize(decision, ContractsJsonContext.Default.CacheDecision).Trim('"')).Append(',')
                    .AppendJoin(';', plan.Steps.Select(step => string.Create(CultureInfo.InvariantCulture, $"{step.FromSecond:R}:{step.BufferAheadSeconds:R}"))).Append('\n');
            }
        }
        File.WriteAllText(path, text.ToString());
    }
}
