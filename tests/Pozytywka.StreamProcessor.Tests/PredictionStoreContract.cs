using Pozytywka.Contracts;
using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The one contract every prediction store must keep; each implementation runs all of it.</summary>
public abstract class PredictionStoreContract
{
    // Both stores keep times to the millisecond, as the exports write them.
    private static readonly DateTime T0 = new(2023, 1, 3, 5, 9, 55, 707, DateTimeKind.Utc);

    protected abstract Task<IPredictionStore> OpenStoreAsync();

    protected static PredictionRecord Prediction(string id, string version = "v1", double probability = 0.7, int minute = 0) => new(
        id, PredictionSource.Stream, "advanced", version, "A", probability, probability >= 0.5,
        new PredictionInputs("track-" + id, 101, 7, 3, 1, true, false, true, ["rock", "polish rock"]),
        T0.AddMinutes(minute), T0.AddMinutes(minute).AddMilliseconds(4), null, version == "v2" ? "ab" : null);

    protected static PlayOutcome Outcome(string id, bool skipped = true) =>
        new(id, 7, 101, "track-" + id, skipped, false, 42.5, T0, T0.AddSeconds(42.5), skipped ? PlayClosedBy.Skip : PlayClosedBy.NextPlay);

    [Fact]
    public async Task A_prediction_reads_back_as_it_was_written()
    {
        using var store = await OpenStoreAsync();
        var written = Prediction("p1");
        await store.SavePredictionsAsync([written]);

        var read = await store.FindAsync("p1");
        Assert.NotNull(read);
        Assert.Equal(written with { Inputs = read!.Inputs }, read);
        Assert.Equal(written.Inputs.FavouriteGenres, read.Inputs.FavouriteGenres);
        Assert.Equal(written.Inputs with { FavouriteGenres = read.Inputs.FavouriteGenres }, read.Inputs);
    }

    [Fact]
    public async Task Writing_the_same_prediction_and_outcome_twice_leaves_one_record()
    {
        using var store = await OpenStoreAsync();
        await store.SavePredictionsAsync([Prediction("p1"), Prediction("p2")]);
        await store.SavePredictionsAsync([Prediction("p1"), Prediction("p2")]);
        await store.SaveOutcomesAsync([Outcome("p1")]);
        await store.SaveOutcomesAsync([Outcome("p1")]);

        var all = await ReadAll(store, new PredictionQuery());
        Assert.Equal(["p1", "p2"], all.Select(r => r.PredictionId).Order());
        Assert.Equal(Outcome("p1"), all.Single(r => r.PredictionId == "p1").Outcome);
    }

    [Fact]
    public async Task A_prediction_written_again_keeps_the_outcome_already_recorded()
    {
        using var store = await OpenStoreAsync();
        await store.SavePredictionsAsync([Prediction("p1")]);
        await store.SaveOutcomesAsync([Outcome("p1", skipped: false)]);
        await store.SavePredictionsAsync([Prediction("p1")]);

        Assert.Equal(Outcome("p1", skipped: false), (await store.FindAsync("p1"))!.Outcome);
    }

    [Fact]
    public async Task An_outcome_that_arrives_first_waits_for_its_prediction()
    {
        using var store = await OpenStoreAsync();
        await store.SaveOutcomesAsync([Outcome("early")]);
        Assert.Null(await store.FindAsync("early"));
        Assert.Empty(await ReadAll(store, new PredictionQuery()));

        await store.SavePredictionsAsync([Prediction("early")]);
        Assert.Equal(Outcome("early"), (await store.FindAsync("early"))!.Outcome);
    }

    [Fact]
    public async Task Erasing_plays_removes_their_predictions_and_outcomes_and_nothing_else()
    {
        using var store = await OpenStoreAsync();
        var otherListener = Prediction("theirs") with { Inputs = Prediction("theirs").Inputs with { UserId = 202 } };
        await store.SavePredictionsAsync([Prediction("mine-1"), Prediction("mine-2"), otherListener]);
        await store.SaveOutcomesAsync([Outcome("mine-1"), Outcome("only-an-outcome")]);

        var mine = (await ReadAll(store, new PredictionQuery(UserId: 101))).Select(r => r.PredictionId).Order().ToList();
        Assert.Equal(["mine-1", "mine-2"], mine);
        await store.DeleteAsync([.. mine, "only-an-outcome", "never-stored"]);

        Assert.Empty(await ReadAll(store, new PredictionQuery(UserId: 101)));
        Assert.Null(await store.FindAsync("mine-1"));
        Assert.Equal(["theirs"], (await ReadAll(store, new PredictionQuery())).Select(r => r.PredictionId));
    }

    [Fact]
    public async Task An_erased_play_stays_erased_whatever_of_it_arrives_later()
    {
        using var store = await OpenStoreAsync();
        await store.SavePredictionsAsync([Prediction("erased"), Prediction("kept")]);
        await store.DeleteAsync(["erased", "erased-before-anything"]);

        // An outcome closing late, then the prediction again (a replay of the predictions topic): neither comes back.
        await store.SaveOutcomesAsync([Outcome("erased"), Outcome("erased-before-anything"), Outcome("kept")]);
        await store.SavePredictionsAsync([Prediction("erased"), Prediction("erased-before-anything")]);

        Assert.Null(await store.FindAsync("erased"));
        Assert.Null(await store.FindAsync("erased-before-anything"));
        var all = await ReadAll(store, new PredictionQuery());
        Assert.Equal(["kept"], all.Select(r => r.PredictionId));
        Assert.Equal(Outcome("kept"), all.Single().Outcome);
    }

    [Fact]
    public async Task Plays_predicted_before_the_cutoff_go_with_their_outcomes_and_an_outcome_waiting_for_its_prediction_stays()
    {
        using var store = await OpenStoreAsync();
        await store.SavePredictionsAsync([Prediction("old", minute: 0), Prediction("older", minute: -5), Prediction("new", minute: 10)]);
        await store.SaveOutcomesAsync([Outcome("old"), Outcome("waiting")]);

        Assert.Equal(2, await store.DeletePredictedBeforeAsync(T0.AddMinutes(1)));

        Assert.Equal(["new"], (await ReadAll(store, new PredictionQuery())).Select(r => r.PredictionId));
        await store.SavePredictionsAsync([Prediction("old", minute: 0), Prediction("waiting", minute: 0)]);
        Assert.Null((await store.FindAsync("old"))!.Outcome);
        Assert.Equal(Outcome("waiting"), (await store.FindAsync("waiting"))!.Outcome);
    }

    [Fact]
    public async Task Reads_filter_by_model_version_and_time()
    {
        using var store = await OpenStoreAsync();
        await store.SavePredictionsAsync([Prediction("a", "v1", minute: 0), Prediction("b", "v2", minute: 1), Prediction("c", "v2", minute: 2)]);

        Assert.Equal(["b", "c"], (await ReadAll(store, new PredictionQuery(ModelVersion: "v2"))).Select(r => r.PredictionId).Order());
        Assert.Equal(["c"], (await ReadAll(store, new PredictionQuery(ModelVersion: "v2", PredictedSince: T0.AddMinutes(2)))).Select(r => r.PredictionId));
        Assert.Empty(await ReadAll(store, new PredictionQuery(Model: "simple")));
        // Event time and prediction time differ: b's event came before this instant, its prediction after.
        var between = T0.AddMinutes(1).AddMilliseconds(2);
        Assert.Equal(["c"], (await ReadAll(store, new PredictionQuery(EventSince: between))).Select(r => r.PredictionId));
        Assert.Equal(["b", "c"], (await ReadAll(store, new PredictionQuery(PredictedSince: between))).Select(r => r.PredictionId).Order());
        Assert.Equal(["b", "c"], (await ReadAll(store, new PredictionQuery(Experiment: "ab"))).Select(r => r.PredictionId).Order());
    }

    [Fact]
    public async Task A_large_batch_is_stored_whole()
    {
        using var store = await OpenStoreAsync();
        var predictions = Enumerable.Range(0, 2_000).Select(i => Prediction($"play-{i}", probability: i / 2_000.0)).ToList();
        await store.SavePredictionsAsync(predictions);
        await store.SaveOutcomesAsync(predictions.Where((_, i) => i % 2 == 0).Select(p => Outcome(p.PredictionId)).ToList());

        var all = await ReadAll(store, new PredictionQuery(Model: "advanced"));
        Assert.Equal(2_000, all.Count);
        Assert.Equal(1_000, all.Count(r => r.Outcome is not null));
    }

    private static async Task<List<PredictionRecord>> ReadAll(IPredictionStore store, PredictionQuery query)
    {
        var records = new List<PredictionRecord>();
        await foreach (var record in store.ReadAsync(query))
            records.Add(record);
        return records;
    }
}
