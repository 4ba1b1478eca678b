using System.Globalization;
using System.Text;
using System.Text.Json;
using Pozytywka.Contracts.Json;
using Pozytywka.Listening.Hints;

namespace Pozytywka.Trainer.Simulation;

/// <summary>
/// <c>hint_decisions.csv</c>: every play <c>simulate-cache</c> priced, with its period, scores and the decision the
/// configured rule gives it, so the cache team can hold the processor's hints against what was priced, play by play.
/// </summary>
public static class HintDecisionsFile
{
    public const string Name = "hint_decisions.csv";
    public const string Header = "play_id,period,completion_probability,expected_heard_share,decision";

    public static void Write(string path, IReadOnlyList<CachePlay> training, IReadOnlyList<CachePlay> test, HintRule rule)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (period, plays) in new[] { ("training", training), ("test", test) })
        {
            foreach (var play in plays)
            {
                var decision = rule.Decide(play.CompletionProbability, play.ExpectedHeardShare);
                text.Append(CultureInfo.InvariantCulture, $"{play.PlayId},{period},{play.CompletionProbability:R},{play.ExpectedHeardShare:R},{JsonSerializer.Serialize(decision, ContractsJsonContext.Default.CacheDecision).Trim('"')}\n");
            }
        }
        File.WriteAllText(path, text.ToString());
    }
}
